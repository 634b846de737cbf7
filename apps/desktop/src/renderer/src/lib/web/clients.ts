import type { AppRouter } from '@confab/api';
import { createTRPCClient, createTRPCUntypedClient, httpBatchLink, type TRPCClient } from '@trpc/client';

export interface HttpClients {
  /** Procedures every Confab server has, fully typed from the server's router. */
  trpc: TRPCClient<AppRouter>;
  /**
   * By path, for procedures a server may not have yet (me.*, users.*, messages.search): the
   * client copes with their absence instead of failing to build against an older router.
   */
  untyped: ReturnType<typeof createTRPCUntypedClient<AppRouter>>;
}

/** Queries and mutations over HTTP (batched) with the current access token. */
export function createHttpClients(baseUrl: string, accessToken: () => string | null): HttpClients {
  const link = () =>
    httpBatchLink({
      url: `${baseUrl}/trpc`,
      headers: () => {
        const token = accessToken();
        return token ? { authorization: `Bearer ${token}` } : {};
      },
    });
  return {
    trpc: createTRPCClient<AppRouter>({ links: [link()] }),
    untyped: createTRPCUntypedClient<AppRouter>({ links: [link()] }),
  };
}

export function webSocketUrl(baseUrl: string): string {
  return `${baseUrl.replace(/^http/, 'ws')}/trpc`;
}
