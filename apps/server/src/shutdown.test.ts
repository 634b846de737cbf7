import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { collectEvents, messagesOf } from './testing/event-collector.js';
import { freePort, spawnServer, type ServerProcess } from './testing/server-process.js';
import { createTestClient } from './testing/test-client.js';
import { freshDatabaseUrl } from './testing/test-database.js';

const ANA = '+12015550111';
const BEN = '+12015550112';

describe('graceful shutdown', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('on SIGTERM tells clients to reconnect, exits cleanly, and clients resume on the next process without loss', async () => {
    const db = await freshDatabaseUrl();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'confab-term-'));
    cleanups.push(async () => {
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    });
    const env = {
      DATA_DIR: dataDir,
      DATABASE_URL: db.url === 'memory://' ? '' : db.url,
      JWT_SECRET: 'term-test-secret-term-test-secret-0123456789',
      AUTH_TEST_NUMBERS: `${ANA}:123456,${BEN}:123456`,
      SHUTDOWN_GRACE_MS: '2000',
    };
    const port = await freePort();
    let server: ServerProcess = await spawnServer(env, port);
    cleanups.push(async () => void server.child.kill('SIGKILL'));

    const anonymous = createTestClient(server.url);
    const ana = await anonymous.trpc.auth.verifyCode.mutate({ phone: ANA, code: '123456' });
    const ben = await anonymous.trpc.auth.verifyCode.mutate({ phone: BEN, code: '123456' });
    await anonymous.close();
    const anaClient = createTestClient(server.url, () => ana.accessToken);
    const benClient = createTestClient(server.url, () => ben.accessToken);
    const { id: chatId } = await anaClient.trpc.chats.openDirect.mutate({ userId: ben.user.id });

    const benEvents = collectEvents({ ...benClient, user: ben.user, phone: BEN, tokens: ben }, '0');
    await anaClient.trpc.messages.send.mutate({ chatId, clientId: 'before', text: 'before the restart' });
    await expect.poll(() => messagesOf(benEvents).length).toBe(1);

    const raw = new WebSocket(`${server.url.replace('http', 'ws')}/trpc`);
    const notices: string[] = [];
    raw.on('message', (data) => notices.push(String(data)));
    await new Promise((r) => raw.once('open', r));

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(notices.some((n) => JSON.parse(n).method === 'reconnect')).toBe(true);

    server = await spawnServer(env, port);
    await anaClient.trpc.messages.send.mutate({ chatId, clientId: 'after', text: 'after the restart' });
    await expect.poll(() => messagesOf(benEvents).map((m) => m.text), { timeout: 20_000 }).toEqual(['before the restart', 'after the restart']);

    benEvents.stop();
    await Promise.all([anaClient.close(), benClient.close()]);
    raw.close();
    server.child.kill('SIGTERM');
    await server.exited;
  });
});
