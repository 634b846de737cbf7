import { afterAll, describe, expect, it } from 'vitest';
import { rejectionOf, watchEvents } from '@confab/api/auth/testing/auth-test-kit';
import { collectEvents, messagesOf } from '@confab/testing/event-collector';
import { ChildServers, signInTestNumber } from '@confab/testing/child-servers';
import { createTestClient } from '@confab/testing/test-client';

const ANA = '+12015550121';
const BEN = '+12015550122';
const CARA = '+12015550123';
const redisUrl = process.env.TEST_REDIS_URL;
// Several processes share one database only on PostgreSQL (PGlite is one process's file).
const runs = process.env.CONFAB_TEST_DB === 'postgres' && redisUrl ? it : it.skip;

describe('cluster over Redis', () => {
  const children = new ChildServers();
  afterAll(() => children.dispose());

  runs('delivers a message sent through one process to a subscriber on another, in order, once', async () => {
    const env = await children.environment('cluster', [ANA, BEN], { REDIS_URL: redisUrl! });
    const [one, two] = await Promise.all([children.spawn(env), children.spawn(env)]);
    const ana = await signInTestNumber(one!.url, ANA);
    const ben = await signInTestNumber(one!.url, BEN);
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

  runs('SECURITY.md 8: a refresh token replayed through one process ends the session and closes its sockets on the other', async () => {
    const env = await children.environment('cluster-reuse', [CARA], { REDIS_URL: redisUrl! });
    const [one, two] = await Promise.all([children.spawn(env), children.spawn(env)]);
    const cara = await signInTestNumber(one!.url, CARA);
    const anonymous = createTestClient(one!.url);
    const spent = cara.refreshToken;
    const current = await anonymous.trpc.auth.refresh.mutate({ refreshToken: spent });
    // Two devices' worth of sockets on the other process: one from before the refresh, one after.
    const sockets = [watchEvents(two!.url, cara.accessToken), watchEvents(two!.url, current.accessToken)];
    await expect.poll(() => sockets.map((s) => s.starts)).toEqual([1, 1]);

    // Someone replays the token that was rotated away (it was copied) on process one.
    expect((await rejectionOf(anonymous.trpc.auth.refresh.mutate({ refreshToken: spent }))).code).toBe('UNAUTHORIZED');
    for (const socket of sockets) {
      await expect.poll(() => socket.closeCodes).toContain(4001);
      await expect.poll(() => socket.errorCodes.length).toBeGreaterThan(0);
      expect(socket.starts).toBe(1);
    }
    expect((await rejectionOf(anonymous.trpc.auth.refresh.mutate({ refreshToken: current.refreshToken }))).code).toBe('UNAUTHORIZED');
    await Promise.all([anonymous.close(), ...sockets.map((s) => s.close())]);
  });
});
