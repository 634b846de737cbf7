import type { SyncEvent } from '@confab/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reactToMessage } from '../actions/local-writes.js';
import { chatView, messageView, tempCache, writeContext } from '../testing/fixtures.js';
import { applyEvent } from './apply-event.js';
import type { Cache } from './cache.js';
import { toCachedMessage } from './message-row.js';

describe('desktop cache: reactions with a custom emoticon', () => {
  let cache: Cache;
  let dispose: () => void;
  beforeEach(() => ({ cache, dispose } = tempCache()));
  afterEach(() => dispose());

  const apply = (events: readonly SyncEvent[]) => {
    const ctx = writeContext(cache);
    cache.transaction(() => events.forEach((e) => applyEvent(ctx, e)));
  };
  const write = (run: (ctx: ReturnType<typeof writeContext>) => void) => {
    const ctx = writeContext(cache);
    cache.transaction(() => run(ctx));
  };
  const reactionsOf = (id: string) => toCachedMessage(cache.messages.byId(id)!, 'user-me').reactions;
  const anasParty = { emoticonId: 'emo-ana', shortcut: 'party', mediaId: 'media-ana', animated: false };
  const myCake = { id: 'emo-cake', shortcut: 'cake', mediaId: 'media-cake', animated: true, createdAt: '2026-01-01T00:00:00.000Z' };

  it("keeps Ana's :party: on the message, with what draws it offline, until she deletes it: then its text", () => {
    const message = messageView('chat-1', 1, 'We shipped it');
    apply([
      { type: 'chat.updated', chat: chatView('chat-1') },
      { type: 'message.new', message },
      { type: 'reaction', chatId: 'chat-1', messageId: message.id, userId: 'user-ana', emoji: ':party:', emoticon: anasParty },
      { type: 'reaction', chatId: 'chat-1', messageId: message.id, userId: 'user-ben', emoji: '👍' },
    ]);
    expect(reactionsOf(message.id)).toEqual([
      { userId: 'user-ana', emoji: ':party:', emoticon: anasParty },
      { userId: 'user-ben', emoji: '👍' },
    ]);

    apply([{ type: 'emoticon.deleted', emoticonId: 'emo-ana', shortcut: 'party' }]);
    expect(reactionsOf(message.id)).toEqual([
      { userId: 'user-ana', emoji: ':party:' },
      { userId: 'user-ben', emoji: '👍' },
    ]);
  });

  it('reacts offline with one of my cached emoticons and queues it; one not mine is refused; taking it back queues that', () => {
    const message = messageView('chat-1', 1, 'Birthday tomorrow', { senderId: 'user-ana' });
    apply([
      { type: 'chat.updated', chat: chatView('chat-1') },
      { type: 'message.new', message },
      { type: 'emoticon.created', emoticon: myCake },
    ]);

    write((ctx) => reactToMessage(ctx, message.id, { emoticonId: 'emo-cake' }));
    const drawn = { emoticonId: 'emo-cake', shortcut: 'cake', mediaId: 'media-cake', animated: true };
    expect(reactionsOf(message.id)).toEqual([{ userId: 'user-me', emoji: ':cake:', emoticon: drawn }]);
    expect(cache.outbox.next()?.item).toMatchObject({ op: 'react', messageId: message.id, emoji: ':cake:', emoticonId: 'emo-cake' });

    expect(() => write((ctx) => reactToMessage(ctx, message.id, { emoticonId: 'emo-ana' }))).toThrow('React with one of your own emoticons');
    expect(reactionsOf(message.id)).toEqual([{ userId: 'user-me', emoji: ':cake:', emoticon: drawn }]);

    write((ctx) => reactToMessage(ctx, message.id, null));
    expect(reactionsOf(message.id)).toEqual([]);
    expect(cache.outbox.size()).toBe(2);
  });
});
