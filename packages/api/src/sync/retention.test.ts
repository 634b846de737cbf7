import { serverForSuite } from '@confab/testing/suite';
import { describe, expect, it } from 'vitest';
import { collectEvents, messagesOf } from '@confab/testing/event-collector';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';

const DAY_MS = 86_400_000;
const FAR_FUTURE = '999999999999999';
const resync = { data: { code: 'PRECONDITION_FAILED', resync: true } };

/**
 * EVENT_RETENTION_DAYS=2 and the server's clock moved by hand: Ben's stream keeps two days of
 * events. A device that was away longer is told to resync; one that was away less resumes.
 */
describe('event retention', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, chatId: string;
  /** Ben's position before the old messages, and after them (before the recent ones). */
  let oldCursor: string, recentCursor: string;
  const head = async (user: SignedInUser) => (await user.trpc.sync.changes.query({ since: FAR_FUTURE, limit: 1 })).nextSince;

  serverForSuite(
    async (s) => {
      server = s;
      ana = await signIn(server);
      ben = await signIn(server);
      chatId = (await ana.trpc.chats.openDirect.mutate({ userId: ben.user.id })).id;
      oldCursor = await head(ben);
      for (let i = 1; i <= 3; i++) await ana.trpc.messages.send.mutate({ chatId, clientId: `old-${i}`, text: `old ${i}` });

      // Three days later (access tokens expired long ago: both sign in again).
      server.clock.advance(3 * DAY_MS);
      await Promise.all([ana.close(), ben.close()]);
      ana = await signIn(server, ana.phone);
      ben = await signIn(server, ben.phone);
      recentCursor = await head(ben);
      for (let i = 1; i <= 3; i++) await ana.trpc.messages.send.mutate({ chatId, clientId: `recent-${i}`, text: `recent ${i}` });
      await server.jobs.pruneEvents();
      return [ana, ben];
    },
    { env: { EVENT_RETENTION_DAYS: '2' } },
  );

  it('answers sync.changes from a pruned position with a resync error, not a silent jump', async () => {
    await expect(ben.trpc.sync.changes.query({ since: oldCursor })).rejects.toMatchObject(resync);
    await expect(ben.trpc.sync.changes.query({ since: '0' })).rejects.toMatchObject(resync);
    // One past the first pruned event is still too old: the old messages' events are gone.
    await expect(ben.trpc.sync.changes.query({ since: String(Number(recentCursor) - 1) })).rejects.toMatchObject(resync);
  });

  it('ends a sync.events subscription from a pruned position with the same resync error', async () => {
    const stale = collectEvents(ben, oldCursor);
    await expect.poll(() => stale.errors.length).toBe(1);
    expect(stale.errors[0]).toMatchObject(resync);
    expect(stale.events).toHaveLength(0);
    stale.stop();
  });

  it('still resumes a recent position gap-free, in sync.changes and in sync.events', async () => {
    const page = await ben.trpc.sync.changes.query({ since: recentCursor });
    expect(page.events.map((e) => Number(e.id))).toEqual([1, 2, 3].map((i) => Number(recentCursor) + i));
    expect(page.events.map((e) => (e.event.type === 'message.new' ? e.event.message.text : e.event.type))).toEqual(['recent 1', 'recent 2', 'recent 3']);
    expect(page.hasMore).toBe(false);

    const resumed = collectEvents(ben, recentCursor);
    await expect.poll(() => messagesOf(resumed).length).toBe(3);
    await ana.trpc.messages.send.mutate({ chatId, clientId: 'live', text: 'live after the prune' });
    await expect.poll(() => messagesOf(resumed).length).toBe(4);
    expect(messagesOf(resumed).map((m) => m.text)).toEqual(['recent 1', 'recent 2', 'recent 3', 'live after the prune']);
    const ids = resumed.events.map((e) => Number(e.id));
    expect(ids).toEqual(ids.map((_, i) => Number(recentCursor) + 1 + i));
    expect(resumed.errors).toHaveLength(0);
    resumed.stop();
  });

  it('keeps the head, the present and the messages themselves: only the event log is bounded', async () => {
    expect(Number(await head(ben))).toBe(Number(recentCursor) + 4);
    const fromNow = collectEvents(ben);
    await fromNow.started;
    await ana.trpc.messages.send.mutate({ chatId, clientId: 'now', text: 'from now on' });
    await expect.poll(() => messagesOf(fromNow).map((m) => m.text)).toEqual(['from now on']);
    expect(fromNow.errors).toHaveLength(0);
    fromNow.stop();

    const history = await ben.trpc.messages.history.query({ chatId, limit: 50 });
    expect(history.messages.map((m) => m.text)).toEqual(['old 1', 'old 2', 'old 3', 'recent 1', 'recent 2', 'recent 3', 'live after the prune', 'from now on']);
  });

  it('prunes again as time passes: a position that was recent becomes a resync', async () => {
    server.clock.advance(3 * DAY_MS);
    await server.jobs.pruneEvents();
    // Both sign in again, their access tokens having expired.
    await ben.close();
    ben = await signIn(server, ben.phone);
    await expect(ben.trpc.sync.changes.query({ since: recentCursor })).rejects.toMatchObject(resync);
    // At the head there is nothing to miss: it resumes.
    const atHead = await ben.trpc.sync.changes.query({ since: await head(ben) });
    expect(atHead.events).toHaveLength(0);
  });
});

/** The same for a group's events, which live once in the group's stream (sync/merged-stream.ts). */
describe('event retention in group streams', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, chatId: string;
  let oldCursor: string, recentCursor: string;
  const head = async (user: SignedInUser) => (await user.trpc.sync.changes.query({ since: FAR_FUTURE, limit: 1 })).nextSince;

  serverForSuite(
    async (s) => {
      server = s;
      ana = await signIn(server);
      ben = await signIn(server);
      chatId = (await ana.trpc.groups.create.mutate({ name: 'Kept two days', memberIds: [ben.user.id] })).chat.id;
      oldCursor = await head(ben);
      for (let i = 1; i <= 3; i++) await ana.trpc.messages.send.mutate({ chatId, clientId: `old-${i}`, text: `old ${i}` });
      server.clock.advance(3 * DAY_MS);
      await Promise.all([ana.close(), ben.close()]);
      ana = await signIn(server, ana.phone);
      ben = await signIn(server, ben.phone);
      recentCursor = await head(ben);
      for (let i = 1; i <= 3; i++) await ana.trpc.messages.send.mutate({ chatId, clientId: `recent-${i}`, text: `recent ${i}` });
      await server.jobs.pruneEvents();
      return [ana, ben];
    },
    { env: { EVENT_RETENTION_DAYS: '2' } },
  );

  it('refuses a position whose group events were pruned (its own stream intact) with resync', async () => {
    await expect(ben.trpc.sync.changes.query({ since: oldCursor })).rejects.toMatchObject(resync);
    const stale = collectEvents(ben, oldCursor);
    await expect.poll(() => stale.errors.length).toBe(1);
    expect(stale.errors[0]).toMatchObject(resync);
    stale.stop();
  });

  it('resumes a recent position with exactly the group messages after it', async () => {
    const page = await ben.trpc.sync.changes.query({ since: recentCursor });
    expect(page.events.map((e) => (e.event.type === 'message.new' ? e.event.message.text : e.event.type))).toEqual(['recent 1', 'recent 2', 'recent 3']);
    const resumed = collectEvents(ben, recentCursor);
    await expect.poll(() => messagesOf(resumed).length).toBe(3);
    await ana.trpc.messages.send.mutate({ chatId, clientId: 'live', text: 'live after the prune' });
    await expect.poll(() => messagesOf(resumed).map((m) => m.text)).toEqual(['recent 1', 'recent 2', 'recent 3', 'live after the prune']);
    expect(resumed.errors).toHaveLength(0);
    resumed.stop();
  });
});
