import { collectEvents, messagesOf, type EventCollector } from '@confab/testing/event-collector';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import { serverForSuite } from '@confab/testing/suite';
import type { TestServer } from '@confab/testing/test-server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CallView } from './call-view.js';

type CallEvent = { type: string; call?: CallView; callId?: string; fromUserId?: string };

const callEvents = (c: EventCollector) => c.events.map((e) => e.event as CallEvent).filter((e) => e.type.startsWith('call.'));
const stateOf = (call: CallView | undefined, userId: string) => call?.participants.find((p) => p.userId === userId)?.state;
const joinedIn = (call: CallView | undefined) => (call?.participants ?? []).filter((p) => p.state === 'joined').map((p) => p.userId);
const lastCall = (c: EventCollector, callId: string) => callEvents(c).filter((e) => e.call?.id === callId).at(-1)?.call;
const waitFor = <T>(check: () => T) => vi.waitFor(check, { timeout: 15_000, interval: 50 });

describe('group calls: up to four in a mesh, joining and leaving while the call lasts', () => {
  let server: TestServer;
  const open: { close(): Promise<void> }[] = [];
  const collectors: EventCollector[] = [];

  serverForSuite(
    async (s) => {
      server = s;
    },
    // The sweeper runs only when a test asks it to, after moving the clock.
    { env: { CALL_SWEEP_MS: '3600000' } },
  );

  afterEach(async () => {
    for (const c of collectors.splice(0)) c.stop();
    await Promise.all(open.splice(0).map((d) => d.close()));
  });

  async function listen(user: SignedInUser): Promise<EventCollector> {
    const c = collectEvents(user);
    collectors.push(c);
    await c.started;
    return c;
  }

  /** Ana's group with Ben, Cy, Dee and Eve (five people), everyone listening, and Zed outside it. */
  async function groupOfFive() {
    const people = await Promise.all([0, 1, 2, 3, 4, 5].map(() => signIn(server)));
    open.push(...people);
    const [ana, ben, cy, dee, eve, zed] = people as [SignedInUser, SignedInUser, SignedInUser, SignedInUser, SignedInUser, SignedInUser];
    const group = await ana.trpc.groups.create.mutate({ name: 'Climbing', memberIds: [ben, cy, dee, eve].map((p) => p.user.id) });
    expect(group.added).toHaveLength(4);
    const events = await Promise.all(people.map(listen));
    return { ana, ben, cy, dee, eve, zed, chatId: group.chat.id, events: events as [EventCollector, EventCollector, EventCollector, EventCollector, EventCollector, EventCollector] };
  }

  it('rings every member; they join one by one, a fifth is refused, leavers go, and the call ends when the last one leaves', async () => {
    const { ana, ben, cy, dee, eve, zed, chatId, events } = await groupOfFive();
    const [anaEvents, benEvents, cyEvents, deeEvents, eveEvents, zedEvents] = events;

    const { callId, call } = await ana.trpc.calls.start.mutate({ chatId, video: true });
    expect(call).toMatchObject({ state: 'ringing', group: true });
    expect(joinedIn(call)).toEqual([ana.user.id]);
    for (const [person, device] of [
      [ben, benEvents],
      [eve, eveEvents],
    ] as const) {
      await waitFor(() => expect(stateOf(lastCall(device, callId), person.user.id)).toBe('ringing'));
    }

    // Ben and Cy join; everyone in the group sees who is in, in the order they joined.
    server.clock.advance(1_000);
    expect(await ben.trpc.calls.accept.mutate({ callId })).toMatchObject({ state: 'active' });
    server.clock.advance(1_000);
    await cy.trpc.calls.accept.mutate({ callId });
    await waitFor(() => expect(joinedIn(lastCall(anaEvents, callId))).toEqual([ana.user.id, ben.user.id, cy.user.id]));
    // Dee declines, changes her mind and joins from the chat's banner: the fourth.
    await dee.trpc.calls.decline.mutate({ callId });
    await waitFor(() => expect(stateOf(lastCall(anaEvents, callId), dee.user.id)).toBe('declined'));
    server.clock.advance(1_000);
    await dee.trpc.calls.accept.mutate({ callId });
    await waitFor(() => expect(joinedIn(lastCall(eveEvents, callId))).toEqual([ana.user.id, ben.user.id, cy.user.id, dee.user.id]));

    // A mesh of four is the limit: Eve cannot join while four are in.
    await expect(eve.trpc.calls.accept.mutate({ callId })).rejects.toMatchObject({ message: 'A call has at most 4 people', data: { code: 'CONFLICT' } });

    // Signals go between the people in the call, to the one device each is in it on.
    await ana.trpc.calls.signal.mutate({ callId, toUserId: dee.user.id, description: { type: 'offer', sdp: 'v=0 ana-to-dee' } });
    await waitFor(() => expect(callEvents(deeEvents).find((e) => e.type === 'call.signal')).toMatchObject({ fromUserId: ana.user.id }));
    await expect(ana.trpc.calls.signal.mutate({ callId, toUserId: eve.user.id, description: { type: 'offer', sdp: 'v=0' } })).rejects.toMatchObject({ data: { code: 'CONFLICT' } });

    // Ben leaves: the call goes on; now Eve can join in his place.
    server.clock.advance(60_000);
    expect(await ben.trpc.calls.end.mutate({ callId })).toMatchObject({ state: 'active' });
    await waitFor(() => expect(stateOf(lastCall(cyEvents, callId), ben.user.id)).toBe('left'));
    await eve.trpc.calls.accept.mutate({ callId });
    await waitFor(() => expect(joinedIn(lastCall(anaEvents, callId))).toEqual([ana.user.id, cy.user.id, dee.user.id, eve.user.id]));
    await expect(ben.trpc.calls.signal.mutate({ callId, toUserId: ana.user.id, description: { type: 'offer', sdp: 'v=0' } })).rejects.toMatchObject({ data: { code: 'CONFLICT' } });

    // The caller leaving does not end a group call; the last one out does.
    for (const person of [ana, cy, dee]) expect(await person.trpc.calls.end.mutate({ callId })).toMatchObject({ state: 'active' });
    server.clock.advance(60_000);
    expect(await eve.trpc.calls.end.mutate({ callId })).toMatchObject({ state: 'ended', endReason: 'completed' });
    for (const device of [anaEvents, benEvents, cyEvents, deeEvents, eveEvents]) await waitFor(() => expect(callEvents(device).some((e) => e.type === 'call.ended' && e.call?.id === callId)).toBe(true));
    await waitFor(() => expect(messagesOf(benEvents).map((m) => m.text)).toContain('Group video call, 2 min'));

    // Someone outside the group heard nothing and cannot join.
    expect(callEvents(zedEvents)).toEqual([]);
    await expect(zed.trpc.calls.accept.mutate({ callId })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });

    const benHistory = (await ben.trpc.calls.history.query()).calls[0];
    expect(benHistory).toMatchObject({ id: callId, group: true, direction: 'incoming', outcome: 'completed' });
    expect(new Set(benHistory?.peerIds)).toEqual(new Set([ana.user.id, cy.user.id, dee.user.id, eve.user.id]));
  });

  it('an unanswered ring is missed after 45 s, yet the call goes on and the missed one may still join', async () => {
    const { ana, ben, cy, chatId, events } = await groupOfFive();
    const [anaEvents, benEvents] = events;
    const { callId } = await ana.trpc.calls.start.mutate({ chatId, video: false });
    await ben.trpc.calls.accept.mutate({ callId });
    server.clock.advance(46_000);
    await ana.trpc.calls.keepAlive.mutate({ callId });
    await ben.trpc.calls.keepAlive.mutate({ callId });
    await server.jobs.sweepCalls();
    await waitFor(() => expect(stateOf(lastCall(anaEvents, callId), cy.user.id)).toBe('missed'));
    expect(lastCall(benEvents, callId)?.state).toBe('active');
    // The open call is still listed for Cy (the chat's join banner), and she joins.
    expect((await cy.trpc.calls.current.query()).calls.map((c) => c.id)).toEqual([callId]);
    await cy.trpc.calls.accept.mutate({ callId });
    await waitFor(() => expect(joinedIn(lastCall(anaEvents, callId))).toContain(cy.user.id));
    // Everyone in it falls silent: the server ends it.
    server.clock.advance(31_000);
    await server.jobs.sweepCalls();
    await waitFor(() => expect(lastCall(benEvents, callId)).toMatchObject({ state: 'ended', endReason: 'dropped' }));
  });

  it('someone added to the group mid-call sees it and joins until the last one leaves, even after the caller left', async () => {
    const { ana, ben, zed, chatId, events } = await groupOfFive();
    const [anaEvents, , , , , zedEvents] = events;
    const { callId } = await ana.trpc.calls.start.mutate({ chatId, video: false });
    await ben.trpc.calls.accept.mutate({ callId });
    await ana.trpc.calls.end.mutate({ callId });

    // Zed is added while Ben is alone in the call: the banner's call is listed for him, live too.
    expect((await ana.trpc.groups.addMembers.mutate({ chatId, userIds: [zed.user.id] })).added).toHaveLength(1);
    expect((await zed.trpc.calls.current.query()).calls.map((c) => c.id)).toEqual([callId]);
    server.clock.advance(1_000);
    expect(await zed.trpc.calls.accept.mutate({ callId })).toMatchObject({ state: 'active' });
    await waitFor(() => expect(joinedIn(lastCall(anaEvents, callId))).toEqual([ben.user.id, zed.user.id]));
    await waitFor(() => expect(joinedIn(lastCall(zedEvents, callId))).toEqual([ben.user.id, zed.user.id]));
    await ben.trpc.calls.signal.mutate({ callId, toUserId: zed.user.id, description: { type: 'offer', sdp: 'v=0 ben-to-zed' } });
    await waitFor(() => expect(callEvents(zedEvents).find((e) => e.type === 'call.signal')).toMatchObject({ fromUserId: ben.user.id }));

    // Zed leaves and comes back; Ben leaves, then the last one out ends it, and nobody can join after.
    await zed.trpc.calls.end.mutate({ callId });
    await zed.trpc.calls.accept.mutate({ callId });
    expect(await ben.trpc.calls.end.mutate({ callId })).toMatchObject({ state: 'active' });
    expect(await zed.trpc.calls.end.mutate({ callId })).toMatchObject({ state: 'ended' });
    await waitFor(() => expect(callEvents(zedEvents).some((e) => e.type === 'call.ended' && e.call?.id === callId)).toBe(true));
    await expect(ben.trpc.calls.accept.mutate({ callId })).rejects.toMatchObject({ data: { code: 'CONFLICT' } });
    expect((await zed.trpc.calls.current.query()).calls).toEqual([]);
  });

  it('a member added mid-call who blocked the caller is never shown the call', async () => {
    const { ana, ben, zed, chatId } = await groupOfFive();
    await zed.trpc.users.block.mutate({ userId: ana.user.id });
    const { callId } = await ana.trpc.calls.start.mutate({ chatId, video: false });
    await ben.trpc.calls.accept.mutate({ callId });
    expect((await ben.trpc.groups.addMembers.mutate({ chatId, userIds: [zed.user.id] })).added).toEqual([zed.user.id]);
    expect((await zed.trpc.calls.current.query()).calls).toEqual([]);
    await expect(zed.trpc.calls.accept.mutate({ callId })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
  });

  it('one call at a time per group: a second start is refused while one is open', async () => {
    const { ana, ben, chatId } = await groupOfFive();
    const { callId } = await ana.trpc.calls.start.mutate({ chatId, video: false });
    await expect(ben.trpc.calls.start.mutate({ chatId, video: true })).rejects.toMatchObject({ data: { code: 'CONFLICT' } });
    await ana.trpc.calls.end.mutate({ callId });
    const again = await ben.trpc.calls.start.mutate({ chatId, video: true });
    expect(again.call.state).toBe('ringing');
    await ben.trpc.calls.end.mutate({ callId: again.callId });
  });
});
