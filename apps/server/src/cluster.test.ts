import { afterAll, describe, expect, it } from 'vitest';
import { rejectionOf, watchEvents } from '@confab/api/auth/testing/auth-test-kit';
import { parseCursor } from '@confab/api/sync/cursor';
import { collectEvents, messagesOf } from '@confab/testing/event-collector';
import { ChildServers, signInTestNumber } from '@confab/testing/child-servers';
import { createTestClient } from '@confab/testing/test-client';

const ANA = '+12015550121';
const BEN = '+12015550122';
const CARA = '+12015550123';
const CLEO = '+12015550124';
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

  runs('delivers a group message to every member on every process exactly once, each in their own stream order', async () => {
    const env = await children.environment('cluster-group', [ANA, BEN, CLEO], { REDIS_URL: redisUrl! });
    const [one, two] = await Promise.all([children.spawn(env), children.spawn(env)]);
    const [ana, ben, cleo] = await Promise.all([ANA, BEN, CLEO].map((phone) => signInTestNumber(one!.url, phone)));
    const anaOnOne = createTestClient(one!.url, () => ana!.accessToken);
    const anaOnTwo = createTestClient(two!.url, () => ana!.accessToken);
    const benOnTwo = createTestClient(two!.url, () => ben!.accessToken);
    const cleoOnOne = createTestClient(one!.url, () => cleo!.accessToken);
    const chatId = (await anaOnOne.trpc.groups.create.mutate({ name: 'Both sides', memberIds: [ben!.user.id, cleo!.user.id] })).chat.id;

    // Ana watches on process two, Ben on two, Cleo on one: each commit is one Redis message for all three.
    const streams = [
      collectEvents({ ...anaOnTwo, user: ana!.user, phone: ANA, tokens: ana! }, '0'),
      collectEvents({ ...benOnTwo, user: ben!.user, phone: BEN, tokens: ben! }, '0'),
      collectEvents({ ...cleoOnOne, user: cleo!.user, phone: CLEO, tokens: cleo! }, '0'),
    ];
    await Promise.all(streams.map((s) => s.started));
    await Promise.all(
      Array.from({ length: 60 }, (_, i) => (i % 2 ? anaOnOne : anaOnTwo).trpc.messages.send.mutate({ chatId, clientId: `g${i}`, text: `group ${i}` })),
    );
    const inChat = (s: (typeof streams)[number]) => messagesOf(s).filter((m) => m.chatId === chatId);
    const sent = (s: (typeof streams)[number]) => inChat(s).filter((m) => m.text?.startsWith('group '));
    for (const stream of streams) {
      await expect.poll(() => sent(stream).length, { timeout: 20_000 }).toBe(60);
      // The chat's messages (the group's own "created" notice first) arrive once each, in seq order.
      const seqs = inChat(stream).map((m) => m.seq);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
      // Stream ids are the member's own positions (sync/cursor.ts): each one past the one before, never repeated.
      const ids = stream.events.filter((e) => e.id !== null).map((e) => e.id!);
      expect(new Set(ids).size).toBe(ids.length);
      const positions = ids.map(parseCursor);
      positions.slice(1).forEach((p, i) => {
        const before = positions[i]!;
        expect(p.user).toBeGreaterThanOrEqual(before.user);
        for (const [num, seq] of before.chats) expect(p.chats.get(num) ?? 0).toBeGreaterThanOrEqual(seq);
      });
    }
    for (const stream of streams) stream.stop();
    await Promise.all([anaOnOne.close(), anaOnTwo.close(), benOnTwo.close(), cleoOnOne.close()]);
  });
});
