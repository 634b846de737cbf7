import type { AppRouter } from '@confab/api';
import type { TRPCClient } from '@trpc/client';
import { afterAll, describe, expect, it } from 'vitest';
import { collectEvents, messagesOf } from '@confab/testing/event-collector';
import { ChildServers, signInTestNumber } from '@confab/testing/child-servers';
import type { ServerProcess } from '@confab/testing/server-process';
import { createTestClient } from '@confab/testing/test-client';

const ANA = '+12015550101';
const BEN = '+12015550102';

describe('crash recovery', () => {
  const children = new ChildServers();
  afterAll(() => children.dispose());

  it('keeps every acknowledged send after SIGKILL mid-load, and delivers its event on resume', async () => {
    const env = await children.environment('crash', [ANA, BEN]);
    let server: ServerProcess = await children.spawn(env);

    const ana = await signInTestNumber(server.url, ANA, 'crash test');
    const ben = await signInTestNumber(server.url, BEN, 'crash test');
    const anaClient = createTestClient(server.url, () => ana.accessToken, { everythingOverWebSocket: true });
    const { id: chatId } = await anaClient.trpc.chats.openDirect.mutate({ userId: ben.user.id });

    // A steady load (20 sends in flight at a time, up to 2,000); the server dies part-way through.
    // (Sends to one chat are stored in batches, so a burst fired all at once could be stored
    // and acknowledged whole before the kill lands.)
    const total = 2000;
    const acknowledged: string[] = [];
    const trpc: TRPCClient<AppRouter> = anaClient.trpc;
    let next = 0;
    const sender = async () => {
      while (next < total) {
        const clientId = `load-${next++}`;
        try {
          await trpc.messages.send.mutate({ chatId, clientId, text: `in flight ${clientId}` });
          acknowledged.push(clientId);
        } catch {
          return; // the server is gone
        }
      }
    };
    const senders = Array.from({ length: 20 }, sender);
    await expect.poll(() => acknowledged.length, { timeout: 30_000, interval: 5 }).toBeGreaterThanOrEqual(50);
    server.child.kill('SIGKILL');
    await server.exited;
    await Promise.all(senders);
    await anaClient.close();
    // The kill really landed mid-load: most sends were never made or never acknowledged.
    expect(acknowledged.length).toBeLessThan(total);

    server = await children.spawn(env);
    const benClient = createTestClient(server.url, () => ben.accessToken);
    const { messages, hasMore } = await benClient.trpc.messages.history.query({ chatId, limit: 200 });
    expect(hasMore).toBe(false);
    const stored = new Set(messages.map((m) => m.clientId));
    for (const clientId of acknowledged) expect(stored.has(clientId), clientId).toBe(true);
    expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: messages.length }, (_, i) => i + 1));

    const resumed = collectEvents({ ...benClient, user: ben.user, phone: BEN, tokens: ben }, '0');
    await expect.poll(() => messagesOf(resumed).length, { timeout: 20_000 }).toBe(messages.length);
    const delivered = messagesOf(resumed).map((m) => m.clientId);
    expect(new Set(delivered).size).toBe(delivered.length);
    for (const clientId of acknowledged) expect(delivered).toContain(clientId);
    resumed.stop();
    await benClient.close();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 180_000);
});
