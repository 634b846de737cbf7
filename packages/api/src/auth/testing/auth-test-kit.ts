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
  /** The server accepted the connection and started the subscription. */
  started: boolean;
  /** tRPC error codes the subscription ended with. */
  errorCodes: string[];
  /** WebSocket close codes seen by the client (4001: the server ended the session's socket). */
  closeCodes: number[];
  close(): Promise<void>;
}

/** Opens `sync.events` over WebSocket with `token` in connectionParams, as the apps do, and records what happens to it. */
export function watchEvents(serverUrl: string, token: string): WatchedSubscription {
  const watched: WatchedSubscription = { started: false, errorCodes: [], closeCodes: [], close: async () => {} };
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
      onStarted: () => void (watched.started = true),
      onError: (error) => void watched.errorCodes.push(String((error.data as { code?: string } | undefined)?.code ?? 'UNKNOWN')),
    },
  );
  watched.close = async () => {
    subscription.unsubscribe();
    await wsClient.close();
  };
  return watched;
}
