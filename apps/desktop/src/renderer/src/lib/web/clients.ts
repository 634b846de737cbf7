import type { AppRouter } from '@confab/api';
import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';

export type HttpClient = TRPCClient<AppRouter>;

/** Queries and mutations over HTTP (batched) with the current access token. */
export function createHttpClient(baseUrl: string, accessToken: () => string | null): HttpClient {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${baseUrl}/trpc`,
        headers: () => {
          const token = accessToken();
          return token ? { authorization: `Bearer ${token}` } : {};
        },
      }),
    ],
  });
}

export function webSocketUrl(baseUrl: string): string {
  return `${baseUrl.replace(/^http/, 'ws')}/trpc`;
}
