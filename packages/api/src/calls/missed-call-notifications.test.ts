import { collectEvents, type EventCollector } from '@confab/testing/event-collector';
import type { SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { afterEach, describe, expect, it } from 'vitest';
import { people, peopleForSuite } from '../groups/testing/group-fixture.js';

/**
 * A call that rings out unanswered leaves "Missed voice call from Ana" in the callee's
 * notification centre, streamed as a `notification` event; one answered or declined leaves none.
 */
describe('missed calls in the notification centre', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, cleo: SignedInUser;
  const collectors: EventCollector[] = [];
  peopleForSuite(
    ['Ana', 'Ben', 'Cleo'],
    (s, users) => {
      server = s;
      [ana, ben, cleo] = users;
    },
    // The sweeper runs only when a test asks it to, after moving the clock.
    { env: { CALL_SWEEP_MS: '3600000' } },
  );
  afterEach(async () => {
    for (const c of collectors.splice(0)) c.stop();
    // Every test starts with an empty centre for everyone.
    for (const user of [ana, ben, cleo]) for (const n of (await user.trpc.notifications.list.query()).notifications) await user.trpc.notifications.delete.mutate({ id: n.id });
  });

  const list = async (user: SignedInUser) => (await user.trpc.notifications.list.query()).notifications;
  const unread = async (user: SignedInUser) => (await user.trpc.notifications.unreadCount.query()).unread;
  const directChat = async (from: SignedInUser, to: SignedInUser) => (await from.trpc.chats.openDirect.mutate({ userId: to.user.id })).id;
  async function listen(user: SignedInUser): Promise<EventCollector> {
    const c = collectEvents(user);
    collectors.push(c);
    await c.started;
    return c;
  }

  it('an unanswered voice call rings 45 s, then Ben has "Missed voice call from Ana", unread and streamed; Ana has nothing', async () => {
    const live = await listen(ben);
    const chatId = await directChat(ana, ben);
    await ana.trpc.calls.start.mutate({ chatId, video: false });
    server.clock.advance(46_000);
    await server.jobs.sweepCalls();

    const [entry] = await list(ben);
    expect(entry).toMatchObject({ kind: 'missed.call', title: 'Missed voice call from Ana', chatId, read: false, actorCount: 1 });
    expect(entry!.actors.map((a) => a.name)).toEqual(['Ana']);
    expect(await unread(ben)).toBe(1);
    await expect
      .poll(() => live.events.map((e) => e.event as { type: string; action?: string; notification?: { title: string }; unread?: number }).find((e) => e.type === 'notification'))
      .toMatchObject({ action: 'new', notification: { title: 'Missed voice call from Ana' }, unread: 1 });
    expect(await list(ana)).toEqual([]);
  });

  it('a video call the caller gives up on is a missed video call; two missed calls are two entries', async () => {
    const chatId = await directChat(ana, ben);
    for (const video of [true, false]) {
      const { callId } = await ana.trpc.calls.start.mutate({ chatId, video });
      server.clock.advance(5_000);
      await ana.trpc.calls.end.mutate({ callId });
    }
    expect((await list(ben)).map((n) => n.title)).toEqual(['Missed voice call from Ana', 'Missed video call from Ana']);
    expect(await unread(ben)).toBe(2);
    expect(await ben.trpc.notifications.markAllRead.mutate()).toEqual({ unread: 0 });
  });

  it('an answered or declined call leaves no notification', async () => {
    const chatId = await directChat(ana, ben);
    const answered = await ana.trpc.calls.start.mutate({ chatId, video: false });
    await ben.trpc.calls.accept.mutate({ callId: answered.callId });
    await ben.trpc.calls.end.mutate({ callId: answered.callId });
    const declined = await ana.trpc.calls.start.mutate({ chatId, video: true });
    await ben.trpc.calls.decline.mutate({ callId: declined.callId });
    expect(await list(ben)).toEqual([]);
    expect(await list(ana)).toEqual([]);
  });

  it('in a group call, whoever never answered missed it: "Missed group video call from Ana"', async () => {
    const groupId = (await ana.trpc.groups.create.mutate({ name: 'Climbing', memberIds: [ben.user.id, cleo.user.id] })).chat.id;
    const { callId } = await ana.trpc.calls.start.mutate({ chatId: groupId, video: true });
    await ben.trpc.calls.accept.mutate({ callId });
    server.clock.advance(25_000);
    await ana.trpc.calls.keepAlive.mutate({ callId });
    await ben.trpc.calls.keepAlive.mutate({ callId });
    server.clock.advance(21_000);
    await server.jobs.sweepCalls();
    // Cleo's ring is over while the call goes on.
    expect(await list(cleo)).toMatchObject([{ kind: 'missed.call', title: 'Missed group video call from Ana', chatId: groupId }]);
    expect(await unread(cleo)).toBe(1);
    await ana.trpc.calls.end.mutate({ callId });
    await ben.trpc.calls.end.mutate({ callId });
    expect(await list(ben)).toEqual([]);
    expect(await list(cleo)).toHaveLength(1);
  });

  it('a callee busy on another call missed it; a callee who turned one-to-one notifications off gets none', async () => {
    const [dan] = await people(server, ['Dan'] as const);
    const danCall = await dan.trpc.calls.start.mutate({ chatId: await directChat(dan, ben), video: false });
    await ben.trpc.calls.accept.mutate({ callId: danCall.callId });
    const busy = await ana.trpc.calls.start.mutate({ chatId: await directChat(ana, ben), video: false });
    expect(busy.call).toMatchObject({ state: 'ended', endReason: 'busy' });
    expect((await list(ben)).map((n) => n.title)).toEqual(['Missed voice call from Ana']);
    await dan.trpc.calls.end.mutate({ callId: danCall.callId });

    await cleo.trpc.settings.update.mutate({ notifications: { messages: false } });
    const quiet = await ana.trpc.calls.start.mutate({ chatId: await directChat(ana, cleo), video: false });
    await ana.trpc.calls.end.mutate({ callId: quiet.callId });
    expect(await list(cleo)).toEqual([]);
    await cleo.trpc.settings.update.mutate({ notifications: { messages: true } });
    await dan.close();
  });
});
