import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectEvents, type EventCollector } from '@confab/testing/event-collector';
import type { SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { stopAll, twoPeopleInAChat } from '@confab/testing/two-people';

describe('receipts and typing', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, chatId: string, anaEvents: EventCollector, benEvents: EventCollector;
  let n = 0;
  const receipts = (c: EventCollector) => c.events.filter((e) => e.event.type === 'receipt').map((e) => e.event);

  beforeAll(async () => {
    ({ server, ana, ben, chatId } = await twoPeopleInAChat());
    anaEvents = collectEvents(ana);
    benEvents = collectEvents(ben);
    await Promise.all([anaEvents.started, benEvents.started]);
  });
  afterAll(async () => {
    anaEvents?.stop();
    benEvents?.stop();
    await stopAll(server, ana, ben);
  });

  it('delivered, then read: the sender hears both as receipt events and sees who got it when', async () => {
    const sent = await ana.trpc.messages.send.mutate({ chatId, clientId: `m${++n}`, text: 'did you get this?' });
    await ben.trpc.chats.markDelivered.mutate({ chatId, seq: sent.seq });
    await expect.poll(() => receipts(anaEvents)).toEqual([{ type: 'receipt', chatId, userId: ben.user.id, deliveredSeq: sent.seq }]);
    const delivered = await ana.trpc.messages.receipts.query({ messageId: sent.id });
    expect(delivered.receipts).toEqual([{ userId: ben.user.id, deliveredAt: server.clock.now().toISOString(), readAt: null }]);
    expect(await ana.trpc.chats.get.query({ chatId })).toMatchObject({ peerDeliveredSeq: sent.seq, peerReadSeq: 0 });

    await ben.trpc.chats.markRead.mutate({ chatId, seq: sent.seq });
    await expect.poll(() => receipts(anaEvents).at(-1)).toEqual({ type: 'receipt', chatId, userId: ben.user.id, readSeq: sent.seq, deliveredSeq: sent.seq });
    expect((await ana.trpc.messages.receipts.query({ messageId: sent.id })).receipts[0]!.readAt).toBe(server.clock.now().toISOString());
    expect(await ana.trpc.chats.get.query({ chatId })).toMatchObject({ peerReadSeq: sent.seq });

    // Marks never go back, and only the author sees message info.
    expect(await ben.trpc.chats.markDelivered.mutate({ chatId, seq: sent.seq - 1 })).toEqual({ lastDeliveredSeq: sent.seq });
    await expect(ben.trpc.messages.receipts.query({ messageId: sent.id })).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    await expect(ben.trpc.chats.markDelivered.mutate({ chatId, seq: sent.seq + 5 })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
  });

  it("with readReceipts 'nobody' a user neither sends nor sees read receipts; delivery still shows", async () => {
    await ben.trpc.settings.update.mutate({ privacy: { readReceipts: 'nobody' } });
    const toBen = await ana.trpc.messages.send.mutate({ chatId, clientId: `m${++n}`, text: 'read this' });
    const before = receipts(anaEvents).length;
    await ben.trpc.chats.markRead.mutate({ chatId, seq: toBen.seq });
    await expect.poll(() => receipts(anaEvents).slice(before)).toEqual([{ type: 'receipt', chatId, userId: ben.user.id, deliveredSeq: toBen.seq }]);
    expect(await ana.trpc.messages.receipts.query({ messageId: toBen.id })).toMatchObject({ receipts: [{ userId: ben.user.id, readAt: null }] });
    expect((await ana.trpc.messages.receipts.query({ messageId: toBen.id })).receipts[0]!.deliveredAt).not.toBeNull();
    expect((await ana.trpc.chats.get.query({ chatId })).peerReadSeq).toBeNull();
    // Ben's own devices still learn what he read.
    expect(receipts(benEvents).at(-1)).toMatchObject({ userId: ben.user.id, readSeq: toBen.seq });

    // The other way: Ana reads Ben's message, and Ben does not see it either.
    const toAna = await ben.trpc.messages.send.mutate({ chatId, clientId: `m${++n}`, text: 'and this' });
    const benBefore = receipts(benEvents).length;
    await ana.trpc.chats.markRead.mutate({ chatId, seq: toAna.seq });
    await expect.poll(() => receipts(benEvents).slice(benBefore)).toEqual([{ type: 'receipt', chatId, userId: ana.user.id, deliveredSeq: toAna.seq }]);
    expect((await ben.trpc.messages.receipts.query({ messageId: toAna.id })).receipts[0]!.readAt).toBeNull();
  });

  it("with 'contacts' read receipts are shared with people in one's contacts", async () => {
    await ben.trpc.settings.update.mutate({ privacy: { readReceipts: 'contacts' } });
    const first = await ana.trpc.messages.send.mutate({ chatId, clientId: `m${++n}`, text: 'contacts only?' });
    await ben.trpc.chats.markRead.mutate({ chatId, seq: first.seq });
    expect((await ana.trpc.messages.receipts.query({ messageId: first.id })).receipts[0]!.readAt).toBeNull();

    await ben.trpc.contacts.add.mutate({ userId: ana.user.id });
    const second = await ana.trpc.messages.send.mutate({ chatId, clientId: `m${++n}`, text: 'now?' });
    await ben.trpc.chats.markRead.mutate({ chatId, seq: second.seq });
    expect((await ana.trpc.messages.receipts.query({ messageId: second.id })).receipts[0]!.readAt).not.toBeNull();
    await expect.poll(() => receipts(anaEvents).at(-1)).toMatchObject({ userId: ben.user.id, readSeq: second.seq });
  });

  it('typing reaches the other side as an ephemeral event', async () => {
    await ana.trpc.chats.typing.mutate({ chatId });
    await expect.poll(() => benEvents.events.find((e) => e.event.type === 'typing')).toEqual({ id: null, event: { type: 'typing', chatId, userId: ana.user.id } });
  });
});
