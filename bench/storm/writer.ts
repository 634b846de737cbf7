import type { AppRouter } from '@confab/api';
import { createTRPCClient, httpLink, TRPCClientError, type TRPCClient } from '@trpc/client';
import { mapLimit, sleep } from '../lib/pool.js';
import type { BenchUser } from '../lib/users.js';

/**
 * Writes the events of the storm: users 2p and 2p+1 share a 1:1 chat, and each message in it
 * lands in both users' streams. Sends go over HTTP (so they do not ride the sockets that
 * drop) and are retried after the server's retryAfterSeconds when it refuses them as busy
 * (admission control) or unavailable (its database pool did not answer in time), or after a
 * second or so when it does not answer at all, as the app's outbox does; the clientId makes a
 * retried send store once.
 */
export class PairWriter {
  private readonly clients: TRPCClient<AppRouter>[];
  private readonly chatIds: string[] = [];
  /** Sends the server refused, by tRPC code (each retried until it was stored). */
  readonly refused: Record<string, number> = {};

  constructor(
    baseUrl: string,
    private readonly users: readonly BenchUser[],
  ) {
    this.clients = users.map((user) =>
      createTRPCClient<AppRouter>({ links: [httpLink({ url: `${baseUrl}/trpc`, headers: { authorization: `Bearer ${user.accessToken}` } })] }),
    );
  }

  get pairs(): number {
    return this.users.length / 2;
  }

  async openChats(): Promise<void> {
    await mapLimit(Array.from({ length: this.pairs }, (_, p) => p), 16, async (p) => {
      this.chatIds[p] = (await this.retryBusy(() => this.clients[2 * p]!.chats.openDirect.mutate({ userId: this.users[2 * p + 1]!.id }))).id;
    });
  }

  /** `perPair` messages in every pair's chat, alternating who sends; resolves once all are stored. */
  async write(label: string, perPair: number): Promise<number> {
    const sends = Array.from({ length: this.pairs * perPair }, (_, i) => i);
    await mapLimit(sends, 16, async (i) => {
      const p = i % this.pairs;
      const round = Math.floor(i / this.pairs);
      const from = 2 * p + (round % 2);
      await this.retryBusy(() => this.clients[from]!.messages.send.mutate({ chatId: this.chatIds[p]!, clientId: `${label}.${i}`, text: `${label} ${round}` }));
    });
    return sends.length;
  }

  private async retryBusy<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        const data = error instanceof TRPCClientError ? (error.data as { code?: string; retryAfterSeconds?: number } | undefined) : undefined;
        // No answer at all (connect timeout, reset): the server is too busy to accept; come back too.
        const code = error instanceof TRPCClientError && !data ? 'NO_ANSWER' : data?.code;
        if ((code !== 'TOO_MANY_REQUESTS' && code !== 'SERVICE_UNAVAILABLE' && code !== 'NO_ANSWER') || attempt >= 20) throw error;
        this.refused[code] = (this.refused[code] ?? 0) + 1;
        await sleep((data?.retryAfterSeconds ?? 1) * 1000 * (0.5 + Math.random()));
      }
    }
  }
}
