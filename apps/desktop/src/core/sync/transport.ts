import type { AppRouter } from '@confab/api';
import { createTRPCClient, createWSClient, httpBatchLink, wsLink, type TRPCClient } from '@trpc/client';
import type { AuthSession } from '../session/auth-session.js';

export type ApiClient = TRPCClient<AppRouter>;
/** A WebSocket class: `ws`'s in Node and Electron's main process, the DOM one elsewhere. */
export type WebSocketClass = typeof globalThis.WebSocket;
export type FetchFn = typeof globalThis.fetch;

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
    return { ...init, headers };
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
 * One WebSocket connection for the event subscription. The token goes in connectionParams,
 * read on every (re)connect; when the server refuses a connection as UNAUTHORIZED the next
 * attempt refreshes the token first.
 */
export function openSocket(serverUrl: string, WebSocketImpl: WebSocketClass, session: AuthSession): Socket {
  let refused: string | null | undefined;
  const Watched = watchForRefusal(WebSocketImpl, () => {
    refused = session.accessToken;
  });
  const wsClient = createWSClient({
    url: socketUrl(serverUrl),
    WebSocket: Watched,
    keepAlive: { enabled: true, intervalMs: 10_000, pongTimeoutMs: 5_000 },
    retryDelayMs: () => 1000,
    connectionParams: async () => {
      if (refused !== undefined) {
        const token = refused;
        refused = undefined;
        await session.refresh(token);
      }
      return { token: session.accessToken ?? '' };
    },
  });
  const client = createTRPCClient<AppRouter>({ links: [wsLink({ client: wsClient })] });
  return { client, close: () => wsClient.close() };
}

/**
 * tRPC reports a refused connection as a message with `id: null`; it reaches no callback, so
 * the socket class itself watches for it.
 */
function watchForRefusal(Base: WebSocketClass, onRefused: () => void): WebSocketClass {
  return class extends Base {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', (event: MessageEvent) => {
        if (typeof event.data !== 'string' || !event.data.includes('UNAUTHORIZED')) return;
        try {
          const message = JSON.parse(event.data) as { id?: unknown; error?: { data?: { code?: unknown } } };
          if (message.id === null && message.error?.data?.code === 'UNAUTHORIZED') onRefused();
        } catch {
          // Not JSON: not ours to read.
        }
      });
    }
  } as WebSocketClass;
}
