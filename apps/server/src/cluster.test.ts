import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectEvents, messagesOf } from './testing/event-collector.js';
import { spawnServer, type ServerProcess } from './testing/server-process.js';
import { createTestClient } from './testing/test-client.js';
import { freshDatabaseUrl } from './testing/test-database.js';

const ANA = '+12015550121';
const BEN = '+12015550122';
const redisUrl = process.env.TEST_REDIS_URL;
// Several processes share one database only on PostgreSQL (PGlite is one process's file).
const runs = process.env.CONFAB_TEST_DB === 'postgres' && redisUrl ? it : it.skip;

describe('cluster over Redis', () => {
  const servers: ServerProcess[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const s of servers) s.child.kill('SIGKILL');
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  runs('delivers a message sent through one process to a subscriber on another, in order, once', async () => {
    const db = await freshDatabaseUrl();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'confab-cluster-'));
    cleanups.push(async () => {
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    });
    const env = {
      DATA_DIR: dataDir,
      DATABASE_URL: db.url,
      REDIS_URL: redisUrl!,
      JWT_SECRET: 'cluster-secret-cluster-secret-cluster-0123456789',
      AUTH_TEST_NUMBERS: `${ANA}:123456,${BEN}:123456`,
    };
    const [one, two] = await Promise.all([spawnServer(env), spawnServer(env)]);
    servers.push(one!, two!);

    const anonymous = createTestClient(one!.url);
    const ana = await anonymous.trpc.auth.verifyCode.mutate({ phone: ANA, code: '123456' });
    const ben = await anonymous.trpc.auth.verifyCode.mutate({ phone: BEN, code: '123456' });
    await anonymous.close();
    const anaOnOne = createTestClient(one!.url, () => ana.accessToken);
    const anaOnTwo = createTestClient(two!.url, () => ana.accessToken);
    const benOnTwo = createTestClient(two!.url, () => ben.accessToken);
    const { id: chatId } = await anaOnOne.trpc.chats.openDirect.mutate({ userId: ben.user.id });

    const events = collectEvents({ ...benOnTwo, user: ben.user, phone: BEN, tokens: ben }, '0');
    await events.started;
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => (i % 2 ? anaOnOne : anaOnTwo).trpc.messages.send.mutate({ chatId, clientId: `c${i}`, text: `via ${i % 2 ? 'one' : 'two'} ${i}` })),
    );
    await expect.poll(() => messagesOf(events).length, { timeout: 20_000 }).toBe(100);
    expect(messagesOf(events).map((m) => m.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    events.stop();
    await Promise.all([anaOnOne.close(), anaOnTwo.close(), benOnTwo.close()]);
  });
});
