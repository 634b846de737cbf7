import { createTRPCClient, createWSClient, TRPCClientError, wsLink } from '@trpc/client';
import WebSocket from 'ws';
import type { AppRouter } from '../../root.js';

export interface Rejection {
  code: string;
  httpStatus: number | undefined;
  retryAfterSeconds: number | undefined;
  message: string;
}

/** The error a call failed with, as a client sees it; fails the test when the call succeeded. */
export async function rejectionOf(call: Promise<unknown>): Promise<Rejection> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    const data = (error.data ?? {}) as { code?: string; httpStatus?: number; retryAfterSeconds?: number };
    return { code: data.code ?? 'UNKNOWN', httpStatus: data.httpStatus, retryAfterSeconds: data.retryAfterSeconds, message: error.message };
  }
  throw new Error('expected the call to be refused, but it succeeded');
}

/** A fixed start for the ManualClock, so every run sees the same times. */
export const START = new Date('2026-03-02T09:00:00.000Z');

export const MINUTE = 60_000;

export interface WatchedSubscription {
  /** How often the server accepted the connection and started the subscription. */
  starts: number;
  /** How the subscription ended: a tRPC error code, or UNKNOWN:<message> when the socket went first. */
  errorCodes: string[];
  /** WebSocket close codes seen by the client (4001: the server ended the session's socket). */
  closeCodes: number[];
  close(): Promise<void>;
}

/** Opens `sync.events` over WebSocket with `token` in connectionParams, as the apps do, and records what happens to it. */
export function watchEvents(serverUrl: string, token: string): WatchedSubscription {
  const watched: WatchedSubscription = { starts: 0, errorCodes: [], closeCodes: [], close: async () => {} };
  const wsClient = createWSClient({
    url: `${serverUrl.replace(/^http/, 'ws')}/trpc`,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    connectionParams: () => ({ token }),
    retryDelayMs: () => 200,
    onClose: (cause) => void watched.closeCodes.push(cause?.code ?? 0),
  });
  const client = createTRPCClient<AppRouter>({ links: [wsLink({ client: wsClient })] });
  const subscription = client.sync.events.subscribe(
    {},
    {
      onStarted: () => void (watched.starts += 1),
      onError: (error) => void watched.errorCodes.push(String((error.data as { code?: string } | undefined)?.code ?? `UNKNOWN:${error.message}`)),
    },
  );
  watched.close = async () => {
    subscription.unsubscribe();
    await wsClient.close();
  };
  return watched;
}

export interface ConnectAttempt {
  /** The subscription sent after connecting was started. */
  started: boolean;
  /** The first error the server sent (tRPC code). */
  errorCode: string | null;
  closeCode: number;
}

/**
 * The same connect at the protocol level, to see exactly what the server answers: send the
 * token as connectionParams, ask for `sync.events`, and wait for "started" or for the server
 * to answer with an error and close.
 */
export function connectWithToken(serverUrl: string, token: string): Promise<ConnectAttempt> {
  const socket = new WebSocket(`${serverUrl.replace(/^http/, 'ws')}/trpc?connectionParams=1`);
  let started = false;
  let errorCode: string | null = null;
  return new Promise((resolve, reject) => {
    socket.on('open', () => {
      socket.send(JSON.stringify({ method: 'connectionParams', data: { token } }));
      socket.send(JSON.stringify({ id: 1, method: 'subscription', params: { path: 'sync.events', input: {} } }));
    });
    socket.on('message', (raw: Buffer) => {
      const message = JSON.parse(raw.toString()) as { id?: number | null; result?: { type?: string }; error?: { data?: { code?: string } } };
      if (message.error) errorCode ??= message.error.data?.code ?? 'UNKNOWN';
      if (message.id === 1 && message.result?.type === 'started') {
        started = true;
        socket.close(1000);
      }
    });
    socket.on('close', (closeCode: number) => resolve({ started, errorCode, closeCode }));
    socket.on('error', reject);
  });
}
