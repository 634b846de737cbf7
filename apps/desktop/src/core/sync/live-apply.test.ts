import type { MessageView, SyncEvent } from '@confab/api';
import { afterEach, describe, expect, it } from 'vitest';
import type { Cache } from '../cache/cache.js';
import { StateKeys } from '../cache/state.repo.js';
import { chatView, messageView, ME, tempCache } from '../testing/fixtures.js';
import { applyPage } from './catch-up.js';
import { LiveApplier } from './live-apply.js';

/** Everything the cache holds that an event can change, and what search finds, as comparable JSON. */
function snapshot(cache: Cache) {
  const tables = ['state', 'users', 'chats', 'members', 'messages', 'media'];
  const rows = Object.fromEntries(tables.map((t) => [t, cache.db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()]));
  const searches = ['hello', 'edited', 'original', '你好', 'second', 'gone'].map((q) => cache.search.search(q).hits.map((h) => h.message.id));
  return { rows, searches };
}

/** A replayed stream: two chats, repeats, edits, reactions, receipts and deletions between the messages. */
function stream(): { id: string; event: SyncEvent }[] {
  const a: MessageView[] = [1, 2, 3, 4, 5].map((seq) => messageView('chat-a', seq, seq === 2 ? 'original text 你好' : `hello ${seq}`, seq === 5 ? { senderId: ME } : {}));
  const b: MessageView[] = [1, 2, 3].map((seq) => messageView('chat-b', seq, seq === 3 ? 'soon gone' : `second chat ${seq}`));
  const events: SyncEvent[] = [
    { type: 'chat.updated', chat: chatView('chat-a') },
    { type: 'message.new', message: a[0]! },
    { type: 'message.new', message: b[0]! },
    { type: 'message.new', message: a[1]! },
    { type: 'message.new', message: a[1]! },
    { type: 'reaction', chatId: 'chat-a', messageId: a[0]!.id, userId: 'user-ana', emoji: '❤️' },
    { type: 'message.new', message: b[1]! },
    { type: 'message.updated', message: { ...a[1]!, text: 'edited text 你好', editedAt: '2025-07-01T00:00:00.000Z' } },
    { type: 'message.new', message: a[2]! },
    { type: 'message.new', message: b[2]! },
    { type: 'reaction', chatId: 'chat-a', messageId: a[0]!.id, userId: ME, emoji: '👍' },
    { type: 'receipt', chatId: 'chat-a', userId: ME, readSeq: 2, deliveredSeq: 2 },
    { type: 'message.deleted', chatId: 'chat-b', messageId: b[2]!.id, seq: 3, forEveryone: true },
    { type: 'message.new', message: a[3]! },
    { type: 'receipt', chatId: 'chat-b', userId: 'user-ana', readSeq: 2, deliveredSeq: 2 },
    { type: 'message.new', message: a[4]! },
    { type: 'reaction', chatId: 'chat-a', messageId: a[0]!.id, userId: 'user-ana', emoji: null },
  ];
  return events.map((event, i) => ({ id: String(i + 1), event }));
}

const caches: (() => void)[] = [];
afterEach(() => caches.splice(0).forEach((dispose) => dispose()));

function freshCache(): Cache {
  const { cache, dispose } = tempCache();
  caches.push(dispose);
  cache.state.set(StateKeys.lastEventId, '0');
  return cache;
}

const deps = (cache: Cache, log: (message: string) => void = () => undefined) => ({ cache, me: ME, now: () => new Date('2026-01-01T00:00:00Z'), onChanges: () => undefined, log });

describe('applying a replayed stream', () => {
  it('gives the same cache one event per transaction, in live batches and in catch-up pages', async () => {
    const events = stream();
    const oneByOne = freshCache();
    for (const entry of events) applyPage(deps(oneByOne), [entry], entry.id);

    const live = freshCache();
    const applier = new LiveApplier(deps(live));
    for (const { id, event } of events) applier.push(id, event);
    await applier.flushed();

    const paged = freshCache();
    for (let i = 0; i < events.length; i += 5) applyPage(deps(paged), events.slice(i, i + 5), events.slice(i, i + 5).at(-1)!.id);
    // The stream again: every id is at or below the stored one, so nothing changes.
    applyPage(deps(paged), events, events.at(-1)!.id);

    const expected = snapshot(oneByOne);
    expect(snapshot(live)).toEqual(expected);
    expect(snapshot(paged)).toEqual(expected);

    expect(oneByOne.state.get(StateKeys.lastEventId)).toBe(String(events.length));
    expect(oneByOne.chats.get('chat-a')).toMatchObject({ last_seq: 5, last_read_seq: 5, unread_count: 0 });
    expect(oneByOne.chats.get('chat-b')).toMatchObject({ last_seq: 3, unread_count: 2 });
    expect(oneByOne.messages.byId('chat-a-m2')?.text).toBe('edited text 你好');
    expect(oneByOne.messages.byId('chat-b-m3')).toMatchObject({ text: null, deleted_at: expect.any(String) });
    expect(JSON.parse(oneByOne.messages.byId('chat-a-m1')!.reactions)).toEqual([{ userId: ME, emoji: '👍' }]);
    expect(expected.searches).toEqual([['chat-a-m5', 'chat-a-m4', 'chat-a-m3', 'chat-a-m1'], ['chat-a-m2'], [], ['chat-a-m2'], ['chat-b-m2', 'chat-b-m1'], []]);
  });

  it('applies events that arrive together in one transaction, and a poison event skips only itself', async () => {
    const cache = freshCache();
    const logged: string[] = [];
    let batches = 0;
    const applier = new LiveApplier({ ...deps(cache, (message) => logged.push(message)), onChanges: () => void (batches += 1) });
    const events = stream();
    const poison = { id: String(events.length + 1), event: { type: 'message.new', message: null } as unknown as SyncEvent };
    const after = { id: String(events.length + 2), event: { type: 'message.new', message: messageView('chat-a', 6, 'after the poison') } as SyncEvent };
    for (const { id, event } of [...events, poison, after]) applier.push(id, event);
    await applier.flushed();

    expect(logged).toEqual([`could not apply event ${poison.id} (message.new); skipped`]);
    expect(cache.messages.byId('chat-a-m6')?.text).toBe('after the poison');
    expect(cache.state.get(StateKeys.lastEventId)).toBe(after.id);
    // The batch failed once as a whole, then went event by event.
    expect(batches).toBe(events.length + 1);

    const quiet = freshCache();
    let quietBatches = 0;
    const second = new LiveApplier({ ...deps(quiet), onChanges: () => void (quietBatches += 1) });
    for (const { id, event } of events) second.push(id, event);
    await second.flushed();
    expect(quietBatches).toBe(1);
  });
});
