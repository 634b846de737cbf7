import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { collectEvents, messagesOf } from '@confab/testing/event-collector';
import { ChildServers, signInTestNumber } from '@confab/testing/child-servers';
import { freePort, type ServerProcess } from '@confab/testing/server-process';
import { createTestClient } from '@confab/testing/test-client';

const ANA = '+12015550111';
const BEN = '+12015550112';

describe('graceful shutdown', () => {
  const children = new ChildServers();
  afterAll(() => children.dispose());

  it('on SIGTERM tells clients to reconnect, exits cleanly, and clients resume on the next process without loss', async () => {
    const env = await children.environment('term', [ANA, BEN], { SHUTDOWN_GRACE_MS: '2000' });
    const port = await freePort();
    let server: ServerProcess = await children.spawn(env, port);

    const ana = await signInTestNumber(server.url, ANA);
    const ben = await signInTestNumber(server.url, BEN);
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

    server = await children.spawn(env, port);
    await anaClient.trpc.messages.send.mutate({ chatId, clientId: 'after', text: 'after the restart' });
    await expect.poll(() => messagesOf(benEvents).map((m) => m.text), { timeout: 20_000 }).toEqual(['before the restart', 'after the restart']);

    benEvents.stop();
    await Promise.all([anaClient.close(), benClient.close()]);
    raw.close();
    server.child.kill('SIGTERM');
    await server.exited;
    // Two process start-ups (each migrating its database) take a while on a busy machine.
  }, 150_000);
});
