import type { AppRouter } from '@confab/api';
import { createTRPCClient, createWSClient, httpBatchLink, wsLink, type TRPCClient } from '@trpc/client';
import type { AuthSession } from '../session/auth-session.js';
import { SocketRenewal } from './socket-renewal.js';

export type ApiClient = TRPCClient<AppRouter>;
/** A WebSocket class: `ws`'s in Node and Electron's main process, the DOM one elsewhere. */
export type WebSocketClass = typeof globalThis.WebSocket;
export type FetchFn = typeof globalThis.fetch;

const HTTP_TIMEOUT_MS = 30_000;

export const trpcUrl = (serverUrl: string) => `${serverUrl.replace(/\/+$/, '')}/trpc`;
export const socketUrl = (serverUrl: string) => trpcUrl(serverUrl).replace(/^http/, 'ws');

/** For sign-in and token refresh: no token. */
export function createAnonymousClient(serverUrl: string, fetchFn: FetchFn): ApiClient {
  return createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: trpcUrl(serverUrl), fetch: fetchFn })] });
}

/**
 * Queries and mutations over HTTP with the bearer token. A 401 answer means the access token
 * expired or was refused: the session refreshes once and the same request is sent again.
 */
export function createHttpClient(serverUrl: string, fetchFn: FetchFn, session: AuthSession): ApiClient {
  const withToken = (init: RequestInit | undefined, token: string | null): RequestInit => {
    const headers = new Headers(init?.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    // A request to a server that stopped answering must not hang a sync cycle forever.
    const timeout = AbortSignal.timeout(HTTP_TIMEOUT_MS);
    return { ...init, headers, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout };
  };
  const authedFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const token = session.accessToken;
    const response = await fetchFn(input, withToken(init, token));
    if (response.status !== 401) return response;
    await response.body?.cancel();
    await session.refresh(token);
    return fetchFn(input, withToken(init, session.accessToken));
  }) as FetchFn;
  return createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: trpcUrl(serverUrl), fetch: authedFetch, maxURLLength: 4000 })] });
}

export interface Socket {
  client: ApiClient;
  close(): Promise<void>;
}

/**
 * One WebSocket connection for the event subscription; the token goes in connectionParams and
 * is renewed over the socket before it expires (SocketRenewal). A refused connection (expired
 * token) closes the socket, which ends the sync engine's cycle; the next cycle's HTTP catch-up
 * gets the 401, refreshes, and opens a new socket.
 */
export function openSocket(serverUrl: string, WebSocketImpl: WebSocketClass, session: AuthSession): Socket {
  const renewal = new SocketRenewal(session, (accessToken) => client.auth.authenticateSocket.mutate({ accessToken }));
  const wsClient = createWSClient({
    url: socketUrl(serverUrl),
    WebSocket: WebSocketImpl,
    // A ping after 25 s of quiet: under the server's WS_PING_MS (30 s), so the server hears from
    // a live desktop before it would ping it itself (keep-alive-sweep.ts), and a dead desktop goes
    // quiet and is dropped there. Here it finds a dead server (a laptop waking on another network).
    keepAlive: { enabled: true, intervalMs: 25_000, pongTimeoutMs: 10_000 },
    retryDelayMs: () => 1000,
    connectionParams: () => {
      const token = session.accessToken ?? '';
      renewal.carrying(token);
      return { token };
    },
  });
  const client: ApiClient = createTRPCClient<AppRouter>({ links: [wsLink({ client: wsClient })] });
  return {
    client,
    close: () => {
      renewal.stop();
      return wsClient.close();
    },
  };
}
