import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AppRouter } from '@confab/api';
import type { TRPCClient } from '@trpc/client';
import { afterAll, describe, expect, it } from 'vitest';
import { collectEvents, messagesOf } from './testing/event-collector.js';
import { spawnServer, type ServerProcess } from './testing/server-process.js';
import { createTestClient } from './testing/test-client.js';
import { freshDatabaseUrl } from './testing/test-database.js';

const ANA = '+12015550101';
const BEN = '+12015550102';

async function signInWithTestNumber(url: string, phone: string) {
  const anonymous = createTestClient(url);
  const result = await anonymous.trpc.auth.verifyCode.mutate({ phone, code: '123456', deviceName: 'crash test' });
  await anonymous.close();
  return result;
}

describe('crash recovery', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('keeps every acknowledged send after SIGKILL mid-load, and delivers its event on resume', async () => {
    const db = await freshDatabaseUrl();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'confab-crash-'));
    cleanups.push(async () => {
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    });
    const env = {
      DATA_DIR: dataDir,
      // PGlite persists under DATA_DIR when DATABASE_URL is empty.
      DATABASE_URL: db.url === 'memory://' ? '' : db.url,
      JWT_SECRET: 'crash-test-secret-crash-test-secret-0123456789',
      AUTH_TEST_NUMBERS: `${ANA}:123456,${BEN}:123456`,
    };
    let server: ServerProcess = await spawnServer(env);
    cleanups.push(async () => {
      server.child.kill('SIGKILL');
    });

    const ana = await signInWithTestNumber(server.url, ANA);
    const ben = await signInWithTestNumber(server.url, BEN);
    const anaClient = createTestClient(server.url, () => ana.accessToken, { everythingOverWebSocket: true });
    const { id: chatId } = await anaClient.trpc.chats.openDirect.mutate({ userId: ben.user.id });

    // 200 sends in flight; the server dies part-way through.
    const acknowledged: string[] = [];
    const trpc: TRPCClient<AppRouter> = anaClient.trpc;
    const sends = Array.from({ length: 200 }, (_, i) => {
      const clientId = `load-${i}`;
      return trpc.messages.send.mutate({ chatId, clientId, text: `in flight ${i}` }).then(
        () => void acknowledged.push(clientId),
        () => undefined,
      );
    });
    await expect.poll(() => acknowledged.length, { timeout: 30_000, interval: 5 }).toBeGreaterThanOrEqual(20);
    server.child.kill('SIGKILL');
    await server.exited;
    await Promise.all(sends);
    await anaClient.close();
    // The kill really landed mid-load: some sends were never acknowledged.
    expect(acknowledged.length).toBeLessThan(200);

    server = await spawnServer(env);
    const benClient = createTestClient(server.url, () => ben.accessToken);
    const { messages } = await benClient.trpc.messages.history.query({ chatId, limit: 200 });
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
  });
});
