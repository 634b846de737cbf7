import type { AppRouter } from '@confab/api';
import { createTRPCClient, createWSClient, httpBatchLink, splitLink, wsLink, type TRPCClient } from '@trpc/client';
import WebSocket from 'ws';

export interface TestClient {
  trpc: TRPCClient<AppRouter>;
  close(): Promise<void>;
}

/** The desktop app's transport: queries and mutations over HTTP, subscriptions over WebSocket. */
export interface TestClientOptions {
  /** Send queries and mutations over the WebSocket too (as a chatty client would). */
  everythingOverWebSocket?: boolean;
}

export function createTestClient(baseUrl: string, getToken: () => string | null = () => null, options: TestClientOptions = {}): TestClient {
  const wsClient = createWSClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/trpc`,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    lazy: { enabled: true, closeMs: 0 },
    connectionParams: () => ({ token: getToken() ?? '' }),
    retryDelayMs: () => 200,
  });
  const trpc = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => options.everythingOverWebSocket === true || op.type === 'subscription',
        true: wsLink({ client: wsClient }),
        false: httpBatchLink({
          url: `${baseUrl}/trpc`,
          headers: () => {
            const token = getToken();
            return token ? { authorization: `Bearer ${token}` } : {};
          },
        }),
      }),
    ],
  });
  return { trpc, close: () => wsClient.close() };
}
