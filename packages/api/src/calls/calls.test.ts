import { collectEvents, messagesOf, type EventCollector } from '@confab/testing/event-collector';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import { serverForSuite } from '@confab/testing/suite';
import type { TestServer } from '@confab/testing/test-server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CallView } from './call-view.js';

type CallEvent = { type: string; call?: CallView; callId?: string; fromUserId?: string; description?: { type: string; sdp?: string }; candidate?: { candidate: string } };

const callEvents = (c: EventCollector) => c.events.map((e) => e.event as CallEvent).filter((e) => e.type.startsWith('call.'));
const stateOf = (call: CallView | undefined, userId: string) => call?.participants.find((p) => p.userId === userId)?.state;
const waitFor = <T>(check: () => T) => vi.waitFor(check, { timeout: 15_000, interval: 50 });

describe('calls: signalling state machine on a controlled clock', () => {
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

  async function person(phone?: string): Promise<SignedInUser> {
    const p = await signIn(server, phone);
    open.push(p);
    return p;
  }
  async function listen(user: SignedInUser): Promise<EventCollector> {
    const c = collectEvents(user);
    collectors.push(c);
    await c.started;
    return c;
  }
  /** Ana and Ben in their chat, Ben on two devices, each device listening. */
  async function anaCallsBen() {
    const [ana, ben] = await Promise.all([person(), person()]);
    const benPhone2 = await person(ben.phone);
    const chatId = (await ana.trpc.chats.openDirect.mutate({ userId: ben.user.id })).id;
    const [anaEvents, benEvents, benPhone2Events] = await Promise.all([listen(ana), listen(ben), listen(benPhone2)]);
    return { ana, ben, benPhone2, chatId, anaEvents, benEvents, benPhone2Events };
  }
  const sweep = () => server.jobs.sweepCalls();

  it('start rings every device of the callee; one answers, the other stops; signals reach that device only; hang-up ends it for both', async () => {
    const { ana, ben, benPhone2, chatId, anaEvents, benEvents, benPhone2Events } = await anaCallsBen();
    const carl = await person();
    const carlEvents = await listen(carl);

    const { callId, call } = await ana.trpc.calls.start.mutate({ chatId, video: true });
    expect(call).toMatchObject({ state: 'ringing', video: true, callerId: ana.user.id, group: false });
    for (const device of [benEvents, benPhone2Events]) {
      await waitFor(() => expect(callEvents(device).find((e) => e.type === 'call.updated' && stateOf(e.call, ben.user.id) === 'ringing')?.call?.id).toBe(callId));
    }
    expect((await benPhone2.trpc.calls.current.query()).calls.map((c) => c.id)).toEqual([callId]);

    const accepted = await ben.trpc.calls.accept.mutate({ callId });
    expect(accepted).toMatchObject({ state: 'active' });
    // The second phone hears that Ben answered elsewhere, so it stops ringing; it cannot answer too.
    await waitFor(() => expect(callEvents(benPhone2Events).some((e) => e.type === 'call.updated' && stateOf(e.call, ben.user.id) === 'joined')).toBe(true));
    await expect(benPhone2.trpc.calls.accept.mutate({ callId })).rejects.toMatchObject({ data: { code: 'CONFLICT' } });
    await expect(benPhone2.trpc.calls.signal.mutate({ callId, toUserId: ana.user.id, candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host' } })).rejects.toMatchObject({
      data: { code: 'CONFLICT' },
    });
    await waitFor(() => expect(callEvents(anaEvents).some((e) => e.type === 'call.updated' && e.call?.state === 'active')).toBe(true));

    await ana.trpc.calls.signal.mutate({ callId, toUserId: ben.user.id, description: { type: 'offer', sdp: 'v=0 offer' } });
    await ben.trpc.calls.signal.mutate({ callId, toUserId: ana.user.id, description: { type: 'answer', sdp: 'v=0 answer' } });
    await ben.trpc.calls.signal.mutate({ callId, toUserId: ana.user.id, candidate: { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 } });
    await waitFor(() => expect(callEvents(benEvents).find((e) => e.type === 'call.signal')).toMatchObject({ callId, fromUserId: ana.user.id, description: { type: 'offer', sdp: 'v=0 offer' } }));
    await waitFor(() => expect(callEvents(anaEvents).filter((e) => e.type === 'call.signal').map((e) => e.description?.type ?? e.candidate?.candidate)).toHaveLength(2));

    server.clock.advance(3 * 60_000);
    await ana.trpc.calls.keepAlive.mutate({ callId });
    await ben.trpc.calls.keepAlive.mutate({ callId });
    const ended = await ben.trpc.calls.end.mutate({ callId });
    expect(ended).toMatchObject({ state: 'ended', endReason: 'completed' });
    for (const device of [anaEvents, benEvents, benPhone2Events]) await waitFor(() => expect(callEvents(device).some((e) => e.type === 'call.ended')).toBe(true));
    await expect(ana.trpc.calls.signal.mutate({ callId, toUserId: ben.user.id, description: { type: 'offer', sdp: 'v=0' } })).rejects.toMatchObject({ data: { code: 'CONFLICT' } });

    // Signalling went to the one device in the call; an unrelated user heard nothing at all.
    expect(callEvents(benPhone2Events).filter((e) => e.type === 'call.signal')).toEqual([]);
    expect(callEvents(carlEvents)).toEqual([]);

    const [anaHistory, benHistory] = await Promise.all([ana.trpc.calls.history.query(), ben.trpc.calls.history.query()]);
    expect(anaHistory.calls[0]).toMatchObject({ id: callId, direction: 'outgoing', outcome: 'completed', durationSeconds: 180, video: true, peerIds: [ben.user.id] });
    expect(benHistory.calls[0]).toMatchObject({ id: callId, direction: 'incoming', outcome: 'completed', durationSeconds: 180 });
    await waitFor(() => expect(messagesOf(benEvents).map((m) => m.text)).toContain('Video call, 3 min'));
    const { messages } = await ana.trpc.messages.history.query({ chatId });
    expect(messages.at(-1)).toMatchObject({ kind: 'system', text: 'Video call, 3 min', meta: { action: 'call', callId, outcome: 'completed' } });
  });

  it('decline on one device ends the call on every device of both', async () => {
    const { ana, ben, benPhone2, chatId, anaEvents, benPhone2Events } = await anaCallsBen();
    const { callId } = await ana.trpc.calls.start.mutate({ chatId, video: false });
    await waitFor(() => expect(callEvents(benPhone2Events).some((e) => e.type === 'call.updated')).toBe(true));
    expect(await ben.trpc.calls.decline.mutate({ callId })).toMatchObject({ state: 'ended', endReason: 'declined' });
    for (const device of [anaEvents, benPhone2Events]) await waitFor(() => expect(callEvents(device).find((e) => e.type === 'call.ended')?.call?.endReason).toBe('declined'));
    await expect(benPhone2.trpc.calls.accept.mutate({ callId })).rejects.toMatchObject({ data: { code: 'CONFLICT' } });
    expect((await ana.trpc.calls.history.query()).calls[0]).toMatchObject({ id: callId, outcome: 'declined', direction: 'outgoing' });
    expect((await ben.trpc.calls.history.query()).calls[0]).toMatchObject({ id: callId, outcome: 'declined', direction: 'incoming' });
    const { messages } = await ben.trpc.messages.history.query({ chatId });
    expect(messages.at(-1)?.text).toBe('Declined voice call');
  });

  it('an unanswered call rings 45 s, then is missed: both histories and a "Missed voice call" line in the chat', async () => {
    const { ana, ben, chatId, anaEvents, benEvents } = await anaCallsBen();
    const { callId } = await ana.trpc.calls.start.mutate({ chatId, video: false });
    server.clock.advance(30_000);
    await ana.trpc.calls.keepAlive.mutate({ callId });
    server.clock.advance(14_000);
    await sweep();
    expect((await ben.trpc.calls.current.query()).calls.map((c) => c.id)).toEqual([callId]);

    server.clock.advance(2_000);
    await sweep();
    for (const device of [anaEvents, benEvents]) await waitFor(() => expect(callEvents(device).find((e) => e.type === 'call.ended')?.call?.endReason).toBe('missed'));
    expect((await ben.trpc.calls.current.query()).calls).toEqual([]);
    await expect(ben.trpc.calls.accept.mutate({ callId })).rejects.toMatchObject({ data: { code: 'CONFLICT' } });
    expect((await ana.trpc.calls.history.query()).calls[0]).toMatchObject({ id: callId, outcome: 'no_answer' });
    expect((await ben.trpc.calls.history.query()).calls[0]).toMatchObject({ id: callId, outcome: 'missed', direction: 'incoming' });
    await waitFor(() => expect(messagesOf(benEvents).map((m) => m.text)).toContain('Missed voice call'));
  });

  it('a callee already in a call answers busy', async () => {
    const { ana, ben, chatId, anaEvents, benEvents } = await anaCallsBen();
    const carl = await person();
    const carlChat = (await carl.trpc.chats.openDirect.mutate({ userId: ben.user.id })).id;
    const first = await carl.trpc.calls.start.mutate({ chatId: carlChat, video: false });
    await ben.trpc.calls.accept.mutate({ callId: first.callId });

    const { callId, call } = await ana.trpc.calls.start.mutate({ chatId, video: true });
    expect(call).toMatchObject({ state: 'ended', endReason: 'busy' });
    await waitFor(() => expect(callEvents(anaEvents).find((e) => e.type === 'call.ended' && e.call?.id === callId)?.call?.endReason).toBe('busy'));
    expect(callEvents(benEvents).some((e) => e.type === 'call.updated' && e.call?.id === callId)).toBe(false);
    expect((await ana.trpc.calls.history.query()).calls[0]).toMatchObject({ id: callId, outcome: 'busy' });
    expect((await ben.trpc.calls.history.query()).calls[0]).toMatchObject({ id: callId, outcome: 'missed' });
    // Ben is still in Carl's call; Ana cannot start a second one while hers is open either.
    expect((await ben.trpc.calls.current.query()).calls.map((c) => c.id)).toEqual([first.callId]);
    await carl.trpc.calls.end.mutate({ callId: first.callId });
  });

  it('the caller hanging up before an answer ends it everywhere, as missed for the callee', async () => {
    const { ana, ben, benPhone2, chatId, benEvents, benPhone2Events } = await anaCallsBen();
    const { callId } = await ana.trpc.calls.start.mutate({ chatId, video: false });
    await waitFor(() => expect(callEvents(benEvents).some((e) => e.type === 'call.updated')).toBe(true));
    expect(await ana.trpc.calls.end.mutate({ callId })).toMatchObject({ state: 'ended', endReason: 'cancelled' });
    for (const device of [benEvents, benPhone2Events]) await waitFor(() => expect(callEvents(device).find((e) => e.type === 'call.ended')?.call?.endReason).toBe('cancelled'));
    await expect(benPhone2.trpc.calls.accept.mutate({ callId })).rejects.toMatchObject({ data: { code: 'CONFLICT' } });
    expect((await ben.trpc.calls.history.query()).calls[0]).toMatchObject({ id: callId, outcome: 'missed' });
    expect((await ana.trpc.calls.history.query()).calls[0]).toMatchObject({ id: callId, outcome: 'cancelled' });
    // Ending again is harmless.
    expect(await ana.trpc.calls.end.mutate({ callId })).toMatchObject({ state: 'ended' });
  });

  it('a call whose devices fall silent for 30 s is ended by the server', async () => {
    const { ana, ben, chatId, anaEvents, benEvents } = await anaCallsBen();
    const { callId } = await ana.trpc.calls.start.mutate({ chatId, video: false });
    await ben.trpc.calls.accept.mutate({ callId });
    server.clock.advance(20_000);
    await ana.trpc.calls.keepAlive.mutate({ callId });
    await ben.trpc.calls.keepAlive.mutate({ callId });
    server.clock.advance(25_000);
    await sweep();
    expect((await ana.trpc.calls.current.query()).calls.map((c) => c.id)).toEqual([callId]);

    server.clock.advance(6_000);
    await sweep();
    for (const device of [anaEvents, benEvents]) await waitFor(() => expect(callEvents(device).find((e) => e.type === 'call.ended')?.call?.endReason).toBe('dropped'));
    await expect(ben.trpc.calls.keepAlive.mutate({ callId })).rejects.toMatchObject({ data: { code: 'CONFLICT' } });
    expect((await ben.trpc.calls.history.query()).calls[0]).toMatchObject({ id: callId, outcome: 'completed', durationSeconds: 51 });
  });

  it("a blocked user's call never rings, and the callee's history never shows it", async () => {
    const { ana, ben, chatId, benEvents, benPhone2Events } = await anaCallsBen();
    await ben.trpc.users.block.mutate({ userId: ana.user.id });
    const { callId, call } = await ana.trpc.calls.start.mutate({ chatId, video: false });
    expect(call.participants.map((p) => p.userId)).toEqual([ana.user.id]);
    expect((await ben.trpc.calls.current.query()).calls).toEqual([]);
    await expect(ben.trpc.calls.accept.mutate({ callId })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    server.clock.advance(46_000);
    await sweep();
    expect((await ana.trpc.calls.history.query()).calls[0]).toMatchObject({ id: callId, outcome: 'no_answer' });
    expect((await ben.trpc.calls.history.query()).calls.map((c) => c.id)).not.toContain(callId);
    expect([...callEvents(benEvents), ...callEvents(benPhone2Events)]).toEqual([]);
    const { messages } = await ana.trpc.messages.history.query({ chatId });
    expect(messages.map((m) => m.text)).not.toContain('Missed voice call');
  });

  it('a stranger calling someone who takes messages only from contacts does not ring them until they accept', async () => {
    const [ana, ben] = await Promise.all([person(), person()]);
    await ben.trpc.settings.update.mutate({ privacy: { messageMe: 'contacts' } });
    const chatId = (await ana.trpc.chats.openDirect.mutate({ userId: ben.user.id })).id;
    const benEvents = await listen(ben);
    // Before any message, and with the chat waiting as Ben's message request: no ring either time.
    const first = await ana.trpc.calls.start.mutate({ chatId, video: false });
    expect(first.call.participants.map((p) => p.userId)).toEqual([ana.user.id]);
    await ana.trpc.calls.end.mutate({ callId: first.callId });
    await ana.trpc.messages.send.mutate({ chatId, clientId: 'hello', text: 'Hi, we met at the market' });
    const second = await ana.trpc.calls.start.mutate({ chatId, video: true });
    expect((await ben.trpc.calls.current.query()).calls).toEqual([]);
    await expect(ben.trpc.calls.accept.mutate({ callId: second.callId })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    await ana.trpc.calls.end.mutate({ callId: second.callId });
    expect(callEvents(benEvents)).toEqual([]);
    // Ben accepts the request: now her call rings him.
    await ben.trpc.contacts.acceptMessageRequest.mutate({ chatId });
    const third = await ana.trpc.calls.start.mutate({ chatId, video: false });
    await waitFor(() => expect(callEvents(benEvents).find((e) => e.type === 'call.updated' && stateOf(e.call, ben.user.id) === 'ringing')?.call?.id).toBe(third.callId));
    expect(stateOf(third.call, ben.user.id)).toBe('ringing');
  });

  it("a stranger's unanswered call leaves a missed-call line in the callee's message request, without a ring or a notification", async () => {
    const [ana, ben] = await Promise.all([person(), person()]);
    await ben.trpc.settings.update.mutate({ privacy: { messageMe: 'contacts' } });
    const chatId = (await ana.trpc.chats.openDirect.mutate({ userId: ben.user.id })).id;
    const benEvents = await listen(ben);
    const kinds = () => benEvents.events.map((e) => e.event as { type: string; chat?: { id: string; messageRequest?: boolean }; message?: { text: string | null } });

    // Ana gives up before anyone could answer: Ben's chat with her becomes a message request
    // (told first), then the call's line arrives in it.
    const first = await ana.trpc.calls.start.mutate({ chatId, video: false });
    await ana.trpc.calls.end.mutate({ callId: first.callId });
    await waitFor(() => expect(kinds().find((e) => e.type === 'message.new')?.message?.text).toBe('Missed voice call'));
    const filed = kinds().findIndex((e) => e.type === 'chat.updated' && e.chat?.id === chatId && e.chat.messageRequest === true);
    expect(filed).toBeGreaterThanOrEqual(0);
    expect(filed).toBeLessThan(kinds().findIndex((e) => e.type === 'message.new'));
    const requests = await ben.trpc.contacts.messageRequests.query();
    expect(requests.map((r) => r.id)).toEqual([chatId]);
    expect(requests[0]?.lastMessage).toMatchObject({ kind: 'system', text: 'Missed voice call', meta: { action: 'call', outcome: 'missed', video: false } });

    // A video call that rings out on the server's clock leaves its line in the same request.
    const second = await ana.trpc.calls.start.mutate({ chatId, video: true });
    server.clock.advance(46_000);
    await sweep();
    expect((await ana.trpc.calls.history.query()).calls.find((c) => c.id === second.callId)).toMatchObject({ outcome: 'no_answer' });
    const { messages } = await ben.trpc.messages.history.query({ chatId });
    expect(messages.map((m) => m.text)).toEqual(['Missed voice call', 'Missed video call']);
    expect((await ben.trpc.contacts.messageRequests.query()).map((r) => r.id)).toEqual([chatId]);

    // Never a ring, a missed-call notification or an entry in Ben's call history.
    expect(callEvents(benEvents)).toEqual([]);
    expect(kinds().filter((e) => e.type === 'notification')).toEqual([]);
    expect(await ben.trpc.notifications.unreadCount.query()).toEqual({ unread: 0 });
    expect((await ben.trpc.calls.history.query()).calls).toEqual([]);
  });

  it("a stranger the callee blocked leaves no line and no message request", async () => {
    const [ana, ben] = await Promise.all([person(), person()]);
    await ben.trpc.settings.update.mutate({ privacy: { messageMe: 'contacts' } });
    const chatId = (await ana.trpc.chats.openDirect.mutate({ userId: ben.user.id })).id;
    // Ben blocked Ana: her call leaves nothing on his side.
    await ben.trpc.users.block.mutate({ userId: ana.user.id });
    const blocked = await ana.trpc.calls.start.mutate({ chatId, video: false });
    await ana.trpc.calls.end.mutate({ callId: blocked.callId });
    expect((await ben.trpc.messages.history.query({ chatId })).messages).toEqual([]);
    expect(await ben.trpc.contacts.messageRequests.query()).toEqual([]);
  });

  it('a third user cannot ring into, answer, signal into or end a call (NOT_FOUND); bad signals are refused', async () => {
    const { ana, ben, chatId } = await anaCallsBen();
    const eve = await person();
    await expect(eve.trpc.calls.start.mutate({ chatId, video: false })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    const { callId } = await ana.trpc.calls.start.mutate({ chatId, video: false });
    for (const attempt of [
      () => eve.trpc.calls.accept.mutate({ callId }),
      () => eve.trpc.calls.decline.mutate({ callId }),
      () => eve.trpc.calls.end.mutate({ callId }),
      () => eve.trpc.calls.keepAlive.mutate({ callId }),
      () => eve.trpc.calls.signal.mutate({ callId, toUserId: ana.user.id, description: { type: 'offer', sdp: 'v=0' } }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    }
    await ben.trpc.calls.accept.mutate({ callId });
    await expect(ana.trpc.calls.signal.mutate({ callId, toUserId: eve.user.id, description: { type: 'offer', sdp: 'v=0' } })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    await expect(ana.trpc.calls.signal.mutate({ callId, toUserId: ben.user.id, description: { type: 'offer', sdp: 'x'.repeat(64_001) } })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await expect(ana.trpc.calls.signal.mutate({ callId, toUserId: ben.user.id, candidate: { candidate: 'c'.repeat(1_001) } })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await expect(
      ana.trpc.calls.signal.mutate({ callId, toUserId: ben.user.id, description: { type: 'offer', sdp: 'v=0' }, candidate: { candidate: 'candidate:1' } }),
    ).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    expect(await ana.trpc.calls.end.mutate({ callId })).toMatchObject({ state: 'ended' });
  });
});
