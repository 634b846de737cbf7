import type { SyncEvent } from '@confab/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chatView, messageView, ME, tempCache, writeContext } from '../testing/fixtures.js';
import { applyEvent } from './apply-event.js';
import type { Cache } from './cache.js';
import { chatItem } from './read-model.js';
import { toChatView } from '../page/views.js';

/** Everything the cache holds, including what search finds, as comparable JSON. */
function snapshot(cache: Cache) {
  const tables = ['state', 'users', 'chats', 'members', 'messages', 'media', 'outbox'];
  const rows = Object.fromEntries(tables.map((t) => [t, cache.db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()]));
  const searches = ['hello', 'edited', 'original', '你好', 'photo'].map((q) => cache.search.search(q).hits.map((h) => h.message.id));
  return { rows, searches };
}

describe('applying sync events', () => {
  let cache: Cache;
  let dispose: () => void;
  beforeEach(() => ({ cache, dispose } = tempCache()));
  afterEach(() => dispose());

  const apply = (events: readonly SyncEvent[]) => {
    const ctx = writeContext(cache);
    cache.transaction(() => events.forEach((e) => applyEvent(ctx, e)));
    return ctx.changes;
  };

  const m1 = messageView('chat-1', 1, 'hello there');
  const m2 = messageView('chat-1', 2, 'original text 你好');
  const m3 = messageView('chat-1', 3, 'a photo caption', { kind: 'image', mediaId: 'media-1', meta: { mime: 'image/png', size: 1234 } });
  const m4 = messageView('chat-1', 4, 'to be deleted');
  const m5 = messageView('chat-1', 5, 'hidden for me');
  const m6 = messageView('chat-1', 6, 'my own words', { senderId: ME });
  const events: SyncEvent[] = [
    { type: 'chat.updated', chat: chatView('chat-1') },
    { type: 'message.new', message: m1 },
    { type: 'message.new', message: m2 },
    { type: 'message.new', message: m3 },
    { type: 'message.new', message: m4 },
    { type: 'message.new', message: m5 },
    { type: 'message.updated', message: { ...m2, text: 'edited text 你好', editedAt: '2025-07-01T00:00:00.000Z' } },
    { type: 'reaction', chatId: 'chat-1', messageId: m1.id, userId: 'user-ana', emoji: '❤️' },
    { type: 'reaction', chatId: 'chat-1', messageId: m1.id, userId: ME, emoji: '👍' },
    { type: 'message.deleted', chatId: 'chat-1', messageId: m4.id, seq: 4, forEveryone: true },
    { type: 'message.deleted', chatId: 'chat-1', messageId: m5.id, seq: 5, forEveryone: false },
    { type: 'receipt', chatId: 'chat-1', userId: ME, readSeq: 2, deliveredSeq: 2 },
    { type: 'member.joined', chatId: 'chat-1', userId: 'user-cy' },
    { type: 'member.left', chatId: 'chat-1', userId: 'user-cy' },
    { type: 'user.updated', user: { id: 'user-ana', name: 'Ana B.', about: 'hi', avatarMediaId: null } },
    { type: 'message.new', message: m6 },
    { type: 'message.new', message: messageView('chat-2', 1, 'a chat nobody described yet') },
  ];

  it('gives the expected state', () => {
    const changes = apply(events);
    const chat = cache.chats.get('chat-1')!;
    expect(chat).toMatchObject({ last_seq: 6, last_read_seq: 6, unread_count: 0, title: 'Ana B.' });
    expect(cache.messages.byId(m2.id)?.text).toBe('edited text 你好');
    expect(cache.messages.byId(m4.id)).toMatchObject({ text: null, deleted_at: expect.any(String) });
    expect(cache.messages.byId(m5.id)).toBeUndefined();
    expect(JSON.parse(cache.messages.byId(m1.id)!.reactions)).toEqual([
      { userId: 'user-ana', emoji: '❤️' },
      { userId: ME, emoji: '👍' },
    ]);
    expect(cache.media.get('media-1')).toMatchObject({ chatId: 'chat-1', kind: 'image', mime: 'image/png', size: 1234, localPath: null });
    expect(cache.users.get('user-ana')?.name).toBe('Ana B.');
    expect(cache.search.search('edited').hits.map((h) => h.message.id)).toEqual([m2.id]);
    expect(cache.search.search('original').hits).toEqual([]);
    expect([...changes.unknownChats]).toEqual(['chat-2']);
    expect(cache.chats.get('chat-2')).toMatchObject({ placeholder: 1, unread_count: 1 });
  });

  it('counts unread messages as the server does', () => {
    apply(events.slice(0, 6));
    // m1..m5 from Ana, nothing read yet.
    expect(cache.chats.get('chat-1')?.unread_count).toBe(5);
    apply([{ type: 'message.deleted', chatId: 'chat-1', messageId: m4.id, seq: 4, forEveryone: true }]);
    expect(cache.chats.get('chat-1')?.unread_count).toBe(4);
    apply([{ type: 'receipt', chatId: 'chat-1', userId: ME, readSeq: 2, deliveredSeq: 2 }]);
    expect(cache.chats.get('chat-1')?.unread_count).toBe(2);
  });

  it('changes nothing when every event is applied a second time', () => {
    apply(events);
    const once = snapshot(cache);
    apply(events);
    expect(snapshot(cache)).toEqual(once);
  });

  it('changes nothing when each event is applied twice in a row', () => {
    apply(events);
    const once = snapshot(cache);
    dispose();
    ({ cache, dispose } = tempCache());
    apply(events.flatMap((e) => [e, e]));
    const twice = snapshot(cache);
    // tk values depend only on creation times, so the two caches are comparable row by row.
    expect(twice.rows.messages).toEqual(once.rows.messages);
    const withoutNo = (rows: unknown[] | undefined) => (rows ?? []).map(({ no: _no, ...rest }: any) => rest);
    expect(withoutNo(twice.rows.chats)).toEqual(withoutNo(once.rows.chats));
    expect(twice.rows.members).toEqual(once.rows.members);
    expect(twice.searches).toEqual(once.searches);
  });

  it('does not let an older view undo a newer one', () => {
    apply(events);
    const ctx = writeContext(cache);
    // A replayed message.new and a stale chat view after newer changes.
    cache.transaction(() => {
      applyEvent(ctx, { type: 'message.updated', message: m2 });
      applyEvent(ctx, { type: 'message.updated', message: m4 });
      applyEvent(ctx, { type: 'chat.updated', chat: chatView('chat-1', { lastSeq: 3, unreadCount: 3 }) });
    });
    expect(cache.messages.byId(m2.id)?.text).toBe('edited text 你好');
    expect(cache.messages.byId(m4.id)?.text).toBeNull();
    expect(cache.chats.get('chat-1')).toMatchObject({ last_seq: 6, unread_count: 0 });
  });
});

describe('message requests and labels in the cache', () => {
  it('keeps a chat view’s request state and my labels for the chat list read offline', () => {
    const { cache, dispose } = tempCache();
    try {
      const ctx = writeContext(cache);
      cache.transaction(() => applyEvent(ctx, { type: 'chat.updated', chat: chatView('chat-r', { messageRequest: true, labels: ['Work', 'Family'] }) }));
      const item = chatItem(cache, cache.chats.get('chat-r')!, ME, new Date());
      expect(toChatView(item)).toMatchObject({ messageRequest: true, labels: ['Work', 'Family'] });
      cache.transaction(() => applyEvent(ctx, { type: 'chat.updated', chat: chatView('chat-r', { messageRequest: false, labels: [] }) }));
      expect(toChatView(chatItem(cache, cache.chats.get('chat-r')!, ME, new Date()))).toMatchObject({ messageRequest: false, labels: [] });
    } finally {
      dispose();
    }
  });
});
