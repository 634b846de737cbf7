import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { appRouter, unavailableIfDatabaseDown, type Admission, type Context, type Deps } from '@confab/api';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ClientAddress } from '../http/client-address.js';
import type { Metrics } from '../http/metrics.js';
import { coalesceWrites } from './coalesce-writes.js';
import { sweepKeepAlive } from './keep-alive-sweep.js';
import { sharedEventEncoder } from './shared-event-encoder.js';
import { WebSocketSignIn } from './socket-sign-in.js';

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
  /** A place for one more socket from this request's client (released when it closes), or null past the cap. */
  capSocketsOf: (req: IncomingMessage) => (() => void) | null;
  /** Who is asking (behind trusted proxies, from X-Forwarded-For). */
  clientIp: ClientAddress;
}

/**
 * tRPC over WebSocket on the HTTP server's port at /trpc. Browsers are held to an Origin
 * allow-list; the token comes in connectionParams, never in the URL.
 */
export function attachWebSocket(server: Server, deps: Deps, metrics: Metrics, options: WebSocketOptions) {
  let sockets = 0;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes });
  const signIns = new WeakMap<WebSocket, WebSocketSignIn>();

  const handler = applyWSSHandler({
    wss,
    router: appRouter,
    // Keep-alive is one sweep for all sockets (keep-alive-sweep.ts), not tRPC's timers per socket.
    keepAlive: { enabled: false },
    // An event fanned out to many sockets is stringified once, not once per socket.
    experimental_encoder: sharedEventEncoder(),
    createContext: async ({ req, res, info }): Promise<Context> => {
      const signIn = signIns.get(res)!;
      // A present but invalid token refuses the connection rather than leaving it anonymous.
      const token = typeof info.connectionParams?.token === 'string' ? info.connectionParams.token : null;
      // While the database is away the socket signs in on its next call instead (socket-sign-in.ts).
      if (token) {
        await signIn.authenticate(token).catch((error: unknown) => {
          if (unavailableIfDatabaseDown(error) === error) throw error;
          signIn.signInLater(token);
        });
      }
      // Built once per socket: each socket is its own client for per-client admission limits,
      // and its waiting calls give up their places when it closes (the ws adapter never aborts
      // a query's or mutation's signal).
      const closed = new AbortController();
      res.once('close', () => closed.abort());
      return {
        deps,
        // Each call asks again (trpc.ts), so a database that is away only leaves this unset.
        user: await signIn.current().catch((error: unknown) => {
          if (unavailableIfDatabaseDown(error) === error) throw error;
          return null;
        }),
        ip: options.clientIp(req),
        admission: options.admission,
        connection: { id: `ws#${++sockets}`, closed: closed.signal, signIn, maxSubscriptions: options.maxSubscriptions },
      };
    },
    onError: ({ error }) => {
      metrics.trpcErrors.inc({ code: error.code });
      if (error.code === 'INTERNAL_SERVER_ERROR') deps.log.error({ err: error.cause ?? error }, 'ws procedure failed');
    },
  });

  const keepAlive = sweepKeepAlive(wss, { pingMs: options.pingMs ?? 30_000, pongWaitMs: options.pongWaitMs ?? 10_000 });
  wss.once('close', () => keepAlive.stop());
  wss.on('connection', (socket) => {
    metrics.wsConnections.inc();
    socket.once('close', () => metrics.wsConnections.dec());
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/trpc' && url.pathname !== '/trpc/') return refuse(socket, 404, 'Not Found');
    if (!originAllowed(req, options.allowedOrigins)) return refuse(socket, 403, 'Forbidden');
    const release = options.capSocketsOf(req);
    if (!release) return refuse(socket, 429, 'Too Many Requests');
    socket.once('close', release);
    wss.handleUpgrade(req, socket, head, (ws) => {
      coalesceWrites(socket);
      signIns.set(ws, new WebSocketSignIn(deps, ws, options.authTimeoutMs));
      wss.emit('connection', ws, req);
    });
  });

  return {
    wss,
    /** Tells every client to reconnect (to another process) before this one stops. */
    broadcastReconnect: () => handler.broadcastReconnectNotification(),
  };
}

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
