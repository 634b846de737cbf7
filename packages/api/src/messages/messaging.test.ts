import { serverForSuite } from '@confab/testing/suite';
import { describe, expect, it } from 'vitest';
import { collectEvents, messagesOf } from '@confab/testing/event-collector';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';

async function inBatches<T>(items: T[], concurrency: number, run: (item: T) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += concurrency) await Promise.all(items.slice(i, i + concurrency).map(run));
}

describe('1:1 messaging', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, chatId: string;
  serverForSuite(async (s) => {
    server = s;
    ana = await signIn(server, undefined, 'ana laptop', { everythingOverWebSocket: true });
    ben = await signIn(server, undefined, 'ben laptop', { everythingOverWebSocket: true });
    chatId = (await ana.trpc.chats.openDirect.mutate({ userId: ben.user.id })).id;
    return [ana, ben];
  });

  it('delivers 1,000 messages exchanged over WebSocket to both sides, in order, once, with gapless seqs', async () => {
    const anaEvents = collectEvents(ana, '0');
    const benEvents = collectEvents(ben, '0');
    await Promise.all([anaEvents.started, benEvents.started]);

    const sends = Array.from({ length: 1000 }, (_, i) => ({ from: i % 2 === 0 ? ana : ben, text: `message ${i}` }));
    await inBatches(sends, 25, ({ from, text }) => from.trpc.messages.send.mutate({ chatId, clientId: text, text }));

    for (const side of [anaEvents, benEvents]) {
      await expect.poll(() => messagesOf(side).length, { timeout: 30_000 }).toBe(1000);
      const seqs = messagesOf(side).map((m) => m.seq);
      expect(seqs).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
      expect(new Set(messagesOf(side).map((m) => m.text)).size).toBe(1000);
      const ids = side.events.filter((e) => e.id !== null).map((e) => Number(e.id));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(ids.length);
    }
    anaEvents.stop();
    benEvents.stop();

    const page = await ben.trpc.messages.history.query({ chatId, limit: 200 });
    expect(page.messages.map((m) => m.seq)).toEqual(Array.from({ length: 200 }, (_, i) => 801 + i));
    expect(page.hasMore).toBe(true);
    const older = await ben.trpc.messages.history.query({ chatId, beforeSeq: 801, limit: 200 });
    expect(older.messages.at(-1)?.seq).toBe(800);
  });

  it('stores one message when the same clientId is sent twice, even concurrently', async () => {
    const [first, second] = await Promise.all([
      ana.trpc.messages.send.mutate({ chatId, clientId: 'retry-1', text: 'only once' }),
      ana.trpc.messages.send.mutate({ chatId, clientId: 'retry-1', text: 'only once' }),
    ]);
    const third = await ana.trpc.messages.send.mutate({ chatId, clientId: 'retry-1', text: 'only once' });
    expect(second.id).toBe(first.id);
    expect(third.id).toBe(first.id);
    const { messages } = await ben.trpc.messages.history.query({ chatId, limit: 5 });
    expect(messages.filter((m) => m.clientId === 'retry-1')).toHaveLength(1);
  });

  it('shows edits, reactions, deletes and read receipts to the other side as events', async () => {
    const benEvents = collectEvents(ben);
    await benEvents.started;
    await new Promise((r) => setTimeout(r, 200));
    const message = await ana.trpc.messages.send.mutate({ chatId, clientId: 'edit-me', text: 'helo' });
    await ana.trpc.messages.edit.mutate({ messageId: message.id, text: 'hello' });
    await ben.trpc.messages.react.mutate({ messageId: message.id, emoji: '👍' });
    await ben.trpc.messages.react.mutate({ messageId: message.id, emoji: '❤️' });
    await ben.trpc.chats.markRead.mutate({ chatId, seq: message.seq });
    await ana.trpc.messages.delete.mutate({ messageId: message.id, forEveryone: true });

    await expect.poll(() => benEvents.events.map((e) => e.event.type)).toEqual(['message.new', 'message.updated', 'reaction', 'reaction', 'receipt', 'message.deleted']);
    const { messages } = await ben.trpc.messages.history.query({ chatId, afterSeq: message.seq - 1 });
    expect(messages[0]).toMatchObject({ id: message.id, text: null, reactions: [] });
    expect(messages[0]!.deletedAt).not.toBeNull();
    // A client catching up later never receives the deleted text either.
    const replay = { events: [] as Awaited<ReturnType<typeof ben.trpc.sync.changes.query>>['events'] };
    for (let since = '0'; ; ) {
      const page = await ben.trpc.sync.changes.query({ since, limit: 1000 });
      replay.events.push(...page.events);
      since = page.nextSince;
      if (!page.hasMore) break;
    }
    const stored = replay.events.filter((e) => e.event.type === 'message.new' && e.event.message.id === message.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.event).toMatchObject({ message: { text: null } });
    expect(JSON.stringify(replay.events)).not.toContain('"helo"');
    const list = await ben.trpc.chats.list.query();
    expect(list.chats[0]).toMatchObject({ id: chatId, unreadCount: 0 });
    benEvents.stop();
  });

  it('refuses a delete for everyone older than 48 hours, and deletes for me only on my side', async () => {
    const message = await ana.trpc.messages.send.mutate({ chatId, clientId: 'old-one', text: 'old news' });
    server.clock.advance(49 * 3600 * 1000);
    // Access tokens lasted 15 minutes of that: sign in again, as the apps would refresh.
    await Promise.all([ana.close(), ben.close()]);
    ana = await signIn(server, ana.phone);
    ben = await signIn(server, ben.phone);
    await expect(ana.trpc.messages.delete.mutate({ messageId: message.id, forEveryone: true })).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    await ana.trpc.messages.delete.mutate({ messageId: message.id, forEveryone: false });
    const anaSide = await ana.trpc.messages.history.query({ chatId, limit: 3 });
    const benSide = await ben.trpc.messages.history.query({ chatId, limit: 3 });
    expect(anaSide.messages.map((m) => m.id)).not.toContain(message.id);
    expect(benSide.messages.map((m) => m.id)).toContain(message.id);
  });

  it('lets only the author edit, with one emoji per reaction', async () => {
    const message = await ana.trpc.messages.send.mutate({ chatId, clientId: 'mine', text: 'mine' });
    await expect(ben.trpc.messages.edit.mutate({ messageId: message.id, text: 'yours' })).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    await expect(ben.trpc.messages.react.mutate({ messageId: message.id, emoji: 'not an emoji' })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
  });
});
