import { describe, expect, it } from 'vitest';
import { collectEvents } from '@confab/testing/event-collector';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { serverForSuite } from '@confab/testing/suite';

describe('friend requests', () => {
  let server: TestServer;
  serverForSuite(async (s) => void (server = s));

  const contactIds = async (user: SignedInUser) => (await user.trpc.contacts.list.query()).map((c) => c.user.id);
  const requestIds = async (user: SignedInUser) => {
    const { incoming, outgoing } = await user.trpc.contacts.requests.query();
    return { incoming: incoming.map((r) => r.user.id), outgoing: outgoing.map((r) => r.user.id) };
  };

  it('request → accept makes both contacts, and the other side sees the request live', async () => {
    const [ana, ben] = await Promise.all([signIn(server), signIn(server)]);
    const benEvents = collectEvents(ben);
    await benEvents.started;

    const sent = await ana.trpc.contacts.request.mutate({ userId: ben.user.id });
    expect(sent).toMatchObject({ status: 'pending', request: { direction: 'outgoing', user: { id: ben.user.id } } });
    expect(await requestIds(ana)).toEqual({ incoming: [], outgoing: [ben.user.id] });
    expect(await requestIds(ben)).toEqual({ incoming: [ana.user.id], outgoing: [] });
    await expect.poll(() => benEvents.events.map((e) => e.event).find((e) => e.type === 'contact.request')).toMatchObject({ state: 'pending', request: { direction: 'incoming', user: { id: ana.user.id } } });

    expect(await ben.trpc.contacts.respond.mutate({ userId: ana.user.id, accept: true })).toEqual({ status: 'contacts' });
    expect(await contactIds(ana)).toEqual([ben.user.id]);
    expect(await contactIds(ben)).toEqual([ana.user.id]);
    expect(await requestIds(ana)).toEqual({ incoming: [], outgoing: [] });
    expect(await requestIds(ben)).toEqual({ incoming: [], outgoing: [] });
    await expect.poll(() => benEvents.events.map((e) => e.event).filter((e) => e.type === 'contact.updated').map((e) => (e as { contact: { user: { id: string } } }).contact.user.id)).toEqual([ana.user.id]);
    // Asking again once both are contacts asks nothing.
    expect(await ana.trpc.contacts.request.mutate({ userId: ben.user.id })).toEqual({ status: 'contacts', request: null });
    benEvents.stop();
  });

  it('decline drops the request on both sides and makes no contacts', async () => {
    const [ana, ben] = await Promise.all([signIn(server), signIn(server)]);
    const anaEvents = collectEvents(ana);
    await anaEvents.started;
    await ana.trpc.contacts.request.mutate({ userId: ben.user.id });
    expect(await ben.trpc.contacts.respond.mutate({ userId: ana.user.id, accept: false })).toEqual({ status: 'declined' });
    expect(await requestIds(ana)).toEqual({ incoming: [], outgoing: [] });
    expect(await requestIds(ben)).toEqual({ incoming: [], outgoing: [] });
    expect(await contactIds(ana)).toEqual([]);
    expect(await contactIds(ben)).toEqual([]);
    await expect.poll(() => anaEvents.events.map((e) => e.event).filter((e) => e.type === 'contact.request').map((e) => (e as { state: string }).state)).toEqual(['pending', 'declined']);
    // Answering it again: there is nothing left to answer.
    await expect(ben.trpc.contacts.respond.mutate({ userId: ana.user.id, accept: true })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    anaEvents.stop();
  });

  it('cancel withdraws my request before it is answered', async () => {
    const [ana, ben] = await Promise.all([signIn(server), signIn(server)]);
    await ana.trpc.contacts.request.mutate({ userId: ben.user.id });
    expect(await ana.trpc.contacts.cancel.mutate({ userId: ben.user.id })).toEqual({ cancelled: true });
    expect(await ana.trpc.contacts.cancel.mutate({ userId: ben.user.id })).toEqual({ cancelled: false });
    expect(await requestIds(ben)).toEqual({ incoming: [], outgoing: [] });
    await expect(ben.trpc.contacts.respond.mutate({ userId: ana.user.id, accept: true })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
  });

  it('two people asking each other become contacts at once', async () => {
    const [ana, ben] = await Promise.all([signIn(server), signIn(server)]);
    await ana.trpc.contacts.request.mutate({ userId: ben.user.id });
    expect(await ben.trpc.contacts.request.mutate({ userId: ana.user.id })).toMatchObject({ status: 'contacts' });
    expect(await contactIds(ana)).toEqual([ben.user.id]);
    expect(await contactIds(ben)).toEqual([ana.user.id]);
  });

  it('a request to someone who blocked me looks exactly like one that waits', async () => {
    const [ana, ben, cara] = await Promise.all([signIn(server), signIn(server), signIn(server)]);
    await ben.trpc.users.block.mutate({ userId: ana.user.id });
    const benEvents = collectEvents(ben);
    await benEvents.started;

    const toBlocker = await ana.trpc.contacts.request.mutate({ userId: ben.user.id });
    const toWaiter = await ana.trpc.contacts.request.mutate({ userId: cara.user.id });
    const shape = (r: typeof toBlocker) => ({ status: r.status, direction: r.request?.direction, createdAt: r.request?.createdAt });
    expect(shape(toBlocker)).toEqual(shape(toWaiter));
    const { outgoing } = await ana.trpc.contacts.requests.query();
    expect(outgoing.map((r) => r.user.id).sort()).toEqual([ben.user.id, cara.user.id].sort());
    // Ben sees nothing of it, now or live; Cara does.
    expect(await requestIds(ben)).toEqual({ incoming: [], outgoing: [] });
    expect(await requestIds(cara)).toEqual({ incoming: [ana.user.id], outgoing: [] });
    await ana.trpc.contacts.cancel.mutate({ userId: ben.user.id });
    await ben.trpc.messages.send.mutate({ chatId: (await ben.trpc.chats.openDirect.mutate({ userId: cara.user.id })).id, clientId: 'marker', text: 'marker' });
    await expect.poll(() => benEvents.events.some((e) => e.event.type === 'message.new')).toBe(true);
    expect(benEvents.events.filter((e) => e.event.type === 'contact.request')).toEqual([]);
    benEvents.stop();
  });

  it('refuses a request to myself or to nobody', async () => {
    const ana = await signIn(server);
    await expect(ana.trpc.contacts.request.mutate({ userId: ana.user.id })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await expect(ana.trpc.contacts.request.mutate({ userId: 'no-such-user' })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
  });
});
