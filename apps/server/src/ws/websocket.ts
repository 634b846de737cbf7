import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { appRouter, type Admission, type Deps } from '@confab/api';
import { WebSocketServer } from 'ws';
import type { ClientAddress } from '../http/client-address.js';
import type { Metrics } from '../http/metrics.js';
import { coalesceWrites } from './coalesce-writes.js';
import { sweepKeepAlive } from './keep-alive-sweep.js';
import { SessionWatch } from './session-watch.js';
import { sharedEventEncoder } from './shared-event-encoder.js';
import { broadcastReconnect, TrpcSocket, type TrpcSocketShared } from './trpc-socket.js';

export interface WebSocketOptions {
  /** Past capacity, calls are refused rather than queued (each socket is its own client). */
  admission: Admission;
  maxPayloadBytes: number;
  allowedOrigins: string[];
  pingMs?: number;
  pongWaitMs?: number;
  /** How long a socket may stay open without signing in. */
  authTimeoutMs: number;
  /** Subscriptions one socket may hold at once. */
  maxSubscriptions: number;
  /** A place for one more socket from this request's client (released when it closes), or null past the cap; `uncountedSocket` when not counted. */
  capSocketsOf: (req: IncomingMessage) => (() => void) | null;
  /** Who is asking (behind trusted proxies, from X-Forwarded-For). */
  clientIp: ClientAddress;
}

/**
 * tRPC over WebSocket on the HTTP server's port at /trpc (trpc-socket.ts speaks the protocol).
 * Browsers are held to an Origin allow-list; the token comes in connectionParams, never in the URL.
 */
export function attachWebSocket(server: Server, deps: Deps, metrics: Metrics, options: WebSocketOptions) {
  let count = 0;
  // The sockets are tracked here (TrpcSocketShared.sockets), not by `ws` (a closure per socket).
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes, clientTracking: false });
  const encoder = sharedEventEncoder();
  const shared: TrpcSocketShared = {
    deps,
    sessions: new SessionWatch(deps),
    router: appRouter,
    // An event fanned out to many sockets is stringified once, not once per socket.
    encoder,
    admission: options.admission,
    maxSubscriptions: options.maxSubscriptions,
    authTimeoutMs: options.authTimeoutMs,
    sockets: new Set(),
    onError: (error) => {
      metrics.trpcErrors.inc({ code: error.code });
      if (error.code === 'INTERNAL_SERVER_ERROR') deps.log.error({ err: error.cause ?? error }, 'ws procedure failed');
    },
    onClosed: () => metrics.wsConnections.dec(),
  };

  const keepAlive = sweepKeepAlive(shared.sockets, { pingMs: options.pingMs ?? 30_000, pongWaitMs: options.pongWaitMs ?? 10_000 });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/trpc' && url.pathname !== '/trpc/') return refuse(socket, 404, 'Not Found');
    if (!originAllowed(req, options.allowedOrigins)) return refuse(socket, 403, 'Forbidden');
    const release = options.capSocketsOf(req);
    if (!release) return refuse(socket, 429, 'Too Many Requests');
    if (release !== uncountedSocket) socket.once('close', release);
    // What the connection needs from the request is read now; the request itself is not kept.
    const ip = options.clientIp(req);
    const expectsConnectionParams = url.searchParams.get('connectionParams') === '1';
    wss.handleUpgrade(req, socket, head, (ws) => {
      coalesceWrites(socket);
      metrics.wsConnections.inc();
      shared.sockets.add(new TrpcSocket(shared, ws, ++count, ip, expectsConnectionParams));
    });
  });

  return {
    /** Tells every client to reconnect (to another process) before this one stops. */
    broadcastReconnect: () => broadcastReconnect(shared.sockets, encoder),
    /** Closes every socket still open (shutdown). */
    closeAll: (code: number, reason: string) => {
      for (const connection of shared.sockets) connection.closeWith(code, reason);
    },
    close: () => {
      keepAlive.stop();
      wss.close();
    },
    /** Open sockets (tests). */
    get size() {
      return shared.sockets.size;
    },
  };
}

/** What `capSocketsOf` answers for a socket that is not counted (not behind a trusted proxy): nothing to release. */
export const uncountedSocket = (): void => undefined;

/** Non-browser clients send no Origin; a browser's must be this server's own or an allowed one. */
export function originAllowed(req: IncomingMessage, allowed: string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (allowed.includes('*') || allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
