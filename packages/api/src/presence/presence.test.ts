import { serverForSuite } from '@confab/testing/suite';
import { describe, expect, it } from 'vitest';
import type { ManualClock } from '../ports/clock.js';
import { collectEvents, type EventCollector } from '@confab/testing/event-collector';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { presenceTracker } from './tracker.js';

describe('presence', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, cleo: SignedInUser, anaEvents: EventCollector;
  const presenceSeen = (c: EventCollector) => c.events.filter((e) => e.event.type === 'presence').map((e) => e.event);
  const settle = () => presenceTracker(server.deps).settled();

  serverForSuite(async (s) => {
    server = s;
    [ana, ben, cleo] = await Promise.all([signIn(server), signIn(server), signIn(server)]);
    await ana.trpc.chats.openDirect.mutate({ userId: ben.user.id });
    anaEvents = collectEvents(ana);
    await anaEvents.started;
    return [anaEvents, ana, ben, cleo];
  });

  it('is online while an event stream is open, and offline with a last-seen time once none is', async () => {
    expect(await ana.trpc.users.presence.query({ userId: ben.user.id })).toEqual({ userId: ben.user.id, online: false, lastSeenAt: null, hidden: false });
    const benPhone = collectEvents(ben);
    await benPhone.started;
    await expect.poll(() => presenceSeen(anaEvents)).toEqual([{ type: 'presence', userId: ben.user.id, online: true, lastSeenAt: null }]);
    expect(await ana.trpc.users.presence.query({ userId: ben.user.id })).toMatchObject({ online: true });

    // A second device: closing one of the two keeps Ben online.
    const benLaptop = await signIn(server, ben.phone, 'laptop');
    const laptopEvents = collectEvents(benLaptop);
    await laptopEvents.started;
    benPhone.stop();
    await settle();
    expect(await ana.trpc.users.presence.query({ userId: ben.user.id })).toMatchObject({ online: true });

    (server.clock as ManualClock).advance(5 * 60_000);
    const leftAt = server.clock.now().toISOString();
    laptopEvents.stop();
    await expect.poll(() => presenceSeen(anaEvents).at(-1)).toEqual({ type: 'presence', userId: ben.user.id, online: false, lastSeenAt: leftAt });
    expect(await ana.trpc.users.presence.query({ userId: ben.user.id })).toEqual({ userId: ben.user.id, online: false, lastSeenAt: leftAt, hidden: false });
    expect(presenceSeen(anaEvents)).toHaveLength(2);
    await benLaptop.close();

    // Someone who shares no chat with Ben hears nothing, though "everyone" may ask.
    const cleoEvents = collectEvents(cleo);
    await cleoEvents.started;
    const again = collectEvents(ben);
    await again.started;
    await expect.poll(() => presenceSeen(anaEvents)).toHaveLength(3);
    expect(presenceSeen(cleoEvents)).toEqual([]);
    expect(await cleo.trpc.users.presence.query({ userId: ben.user.id })).toMatchObject({ online: true, hidden: false });
    again.stop();
    cleoEvents.stop();
    await settle();
  });

  it("honours the last-seen setting: 'nobody' hides it from all, 'contacts' shows it to contacts only", async () => {
    await ben.trpc.settings.update.mutate({ privacy: { lastSeen: 'nobody' } });
    // Ana's screen is told at once that Ben's last seen is gone (counted before the rest).
    await expect.poll(() => presenceSeen(anaEvents).at(-1)).toMatchObject({ userId: ben.user.id, hidden: true });
    const before = presenceSeen(anaEvents).length;
    const benEvents = collectEvents(ben);
    await benEvents.started;
    await settle();
    expect(await ana.trpc.users.presence.query({ userId: ben.user.id })).toEqual({ userId: ben.user.id, online: false, lastSeenAt: null, hidden: true });
    expect(await ben.trpc.users.presence.query({ userId: ben.user.id })).toMatchObject({ online: true, hidden: false });

    await ben.trpc.settings.update.mutate({ privacy: { lastSeen: 'contacts' } });
    expect(await ana.trpc.users.presence.query({ userId: ben.user.id })).toMatchObject({ hidden: true });
    await ben.trpc.contacts.add.mutate({ userId: ana.user.id });
    expect(await ana.trpc.users.presence.query({ userId: ben.user.id })).toMatchObject({ online: true, hidden: false });
    expect(await cleo.trpc.users.presence.query({ userId: ben.user.id })).toMatchObject({ hidden: true });
    // Becoming his contact shows Ana his presence live (contacts/contact-change.ts).
    await expect.poll(() => presenceSeen(anaEvents).at(-1)).toMatchObject({ userId: ben.user.id, online: true, hidden: false });

    benEvents.stop();
    await expect.poll(() => presenceSeen(anaEvents).length).toBe(before + 2);
    expect(presenceSeen(anaEvents).at(-1)).toMatchObject({ userId: ben.user.id, online: false });
    await expect(ana.trpc.users.presence.query({ userId: 'no-such-user' })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
  });

  it('is hidden across a block, both ways, and so is typing', async () => {
    await ben.trpc.settings.update.mutate({ privacy: { lastSeen: 'everyone' } });
    await ana.trpc.users.block.mutate({ userId: ben.user.id });
    expect(await ana.trpc.users.presence.query({ userId: ben.user.id })).toMatchObject({ hidden: true });
    expect(await ben.trpc.users.presence.query({ userId: ana.user.id })).toMatchObject({ hidden: true });

    const before = anaEvents.events.length;
    const benEvents = collectEvents(ben);
    await benEvents.started;
    await settle();
    const chatId = (await ben.trpc.chats.list.query()).chats[0]!.id;
    await ben.trpc.chats.typing.mutate({ chatId });
    await ana.trpc.chats.typing.mutate({ chatId });
    // Ben's own stream is the witness that the typing was processed: Ana's typing does not reach him either.
    await new Promise((r) => setTimeout(r, 300));
    expect(anaEvents.events.slice(before).map((e) => e.event.type)).toEqual([]);
    expect(benEvents.events.map((e) => e.event.type)).toEqual([]);
    benEvents.stop();
    await ana.trpc.users.unblock.mutate({ userId: ben.user.id });
  });

  it('keeps one heartbeat row per process however many streams it holds, and announces the users of a dead process as gone', async () => {
    const { db } = server.deps;
    const tracker = presenceTracker(server.deps);
    const streams = [collectEvents(ben), collectEvents(cleo)];
    await Promise.all(streams.map((s) => s.started));
    await settle();
    await tracker.heartbeat();
    expect(await db.selectFrom('presenceProcesses').select('processId').execute()).toEqual([{ processId: tracker.processId }]);
    for (const s of streams) s.stop();
    await expect.poll(() => presenceSeen(anaEvents).at(-1)).toMatchObject({ userId: ben.user.id, online: false });

    // Another process holds Ben's only stream, then dies without a word.
    const lastHeard = server.clock.now();
    await db.insertInto('presenceProcesses').values({ processId: 'process-that-dies', heartbeatAt: lastHeard }).execute();
    await db.insertInto('presenceConnections').values({ userId: ben.user.id, processId: 'process-that-dies' }).execute();
    expect(await ana.trpc.users.presence.query({ userId: ben.user.id })).toMatchObject({ online: true });

    // Two missed beats are not yet death; three are.
    (server.clock as ManualClock).advance(60_000);
    await tracker.heartbeat();
    expect(await ana.trpc.users.presence.query({ userId: ben.user.id })).toMatchObject({ online: true });
    (server.clock as ManualClock).advance(31_000);
    const announced = presenceSeen(anaEvents).length;
    await tracker.heartbeat();
    await expect.poll(() => presenceSeen(anaEvents).length).toBe(announced + 1);
    expect(presenceSeen(anaEvents).at(-1)).toEqual({ type: 'presence', userId: ben.user.id, online: false, lastSeenAt: lastHeard.toISOString() });
    expect(await ana.trpc.users.presence.query({ userId: ben.user.id })).toMatchObject({ online: false, lastSeenAt: lastHeard.toISOString() });
    expect(await db.selectFrom('presenceConnections').select('processId').where('userId', '=', ben.user.id).execute()).toEqual([]);
    expect(await db.selectFrom('presenceProcesses').select('processId').execute()).toEqual([{ processId: tracker.processId }]);
  });

  it('a process taken for dead after a long pause writes its rows again and is online again', async () => {
    const { db } = server.deps;
    const tracker = presenceTracker(server.deps);
    const benEvents = collectEvents(ben);
    await benEvents.started;
    await settle();
    await expect.poll(() => presenceSeen(anaEvents).at(-1)).toMatchObject({ userId: ben.user.id, online: true });
    // Another process swept this one's rows away while it was paused.
    await db.deleteFrom('presenceProcesses').execute();
    await db.deleteFrom('presenceConnections').execute();
    await tracker.heartbeat();
    expect(await db.selectFrom('presenceConnections').select(['userId', 'processId']).where('userId', '=', ben.user.id).execute()).toEqual([{ userId: ben.user.id, processId: tracker.processId }]);
    await expect.poll(() => presenceSeen(anaEvents).at(-1)).toMatchObject({ userId: ben.user.id, online: true });
    benEvents.stop();
    await settle();
  });
  it('a change of the last-seen setting reaches the people it concerns at once, without their asking', async () => {
    await ben.trpc.settings.update.mutate({ privacy: { lastSeen: 'everyone' } });
    await ben.trpc.chats.openDirect.mutate({ userId: cleo.user.id });
    await ben.trpc.contacts.add.mutate({ userId: ana.user.id });
    const cleoEvents = collectEvents(cleo);
    await cleoEvents.started;
    const benEvents = collectEvents(ben);
    await benEvents.started;
    const ofBen = (c: EventCollector) => presenceSeen(c).filter((e) => (e as { userId: string }).userId === ben.user.id);
    await expect.poll(() => ofBen(cleoEvents).at(-1)).toMatchObject({ online: true });
    await expect.poll(() => ofBen(anaEvents).at(-1)).toMatchObject({ online: true });
    const anaBefore = ofBen(anaEvents).length;

    // 'contacts': Cleo is not one of Ben's, so her screen loses his "online"; Ana, a contact, hears nothing.
    await ben.trpc.settings.update.mutate({ privacy: { lastSeen: 'contacts' } });
    await expect.poll(() => ofBen(cleoEvents).at(-1)).toEqual({ type: 'presence', userId: ben.user.id, online: false, lastSeenAt: null, hidden: true });
    // 'nobody': now Ana loses it too.
    await ben.trpc.settings.update.mutate({ privacy: { lastSeen: 'nobody' } });
    await expect.poll(() => ofBen(anaEvents).at(-1)).toEqual({ type: 'presence', userId: ben.user.id, online: false, lastSeenAt: null, hidden: true });
    expect(ofBen(anaEvents)).toHaveLength(anaBefore + 1);
    // 'everyone' again: both are told he is online, as he is.
    await ben.trpc.settings.update.mutate({ privacy: { lastSeen: 'everyone' } });
    const shownAgain = { type: 'presence', userId: ben.user.id, online: true, lastSeenAt: null, hidden: false };
    await expect.poll(() => ofBen(anaEvents).at(-1)).toEqual(shownAgain);
    await expect.poll(() => ofBen(cleoEvents).at(-1)).toEqual(shownAgain);
    expect(await cleo.trpc.users.presence.query({ userId: ben.user.id })).toMatchObject({ online: true, hidden: false });
    // Ben's own devices are not told about himself.
    expect(ofBen(benEvents)).toEqual([]);
    benEvents.stop();
    cleoEvents.stop();
    await settle();
  });
});
