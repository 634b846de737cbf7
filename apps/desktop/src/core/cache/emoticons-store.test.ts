import type { SyncEvent } from '@confab/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chatView, messageView, tempCache, writeContext } from '../testing/fixtures.js';
import { applyEvent } from './apply-event.js';
import type { Cache } from './cache.js';


describe('desktop cache: a deleted emoticon', () => {
  let cache: Cache;
  let dispose: () => void;
  beforeEach(() => ({ cache, dispose } = tempCache()));
  afterEach(() => dispose());

  const apply = (events: readonly SyncEvent[]) => {
    const ctx = writeContext(cache);
    cache.transaction(() => events.forEach((e) => applyEvent(ctx, e)));
    return ctx.changes;
  };
  const party = (emoticonId: string, mediaId: string) => ({ party: { emoticonId, mediaId, animated: false } });
  const metaOf = (id: string) => { const meta = cache.messages.byId(id)!.meta; return meta === null ? null : (JSON.parse(meta) as unknown); };

  it("leaves every cached message drawing it (its :party: is text again), keeps a saved copy's, and reaches the page", () => {
    const anas = messageView('chat-1', 1, 'We did it :party:', { meta: { emoticons: party('emo-ana', 'media-ana') } });
    const both = messageView('chat-2', 1, ':party: :wave:', { meta: { forwarded: true, emoticons: { ...party('emo-ana', 'media-ana'), wave: { emoticonId: 'emo-wave', mediaId: 'media-wave', animated: true } } } });
    const bens = messageView('chat-1', 2, 'Mine too :party:', { senderId: 'user-me', meta: { emoticons: party('emo-ben', 'media-ben') } });
    const mine = { id: 'emo-ben', shortcut: 'party', mediaId: 'media-ben', animated: false, createdAt: '2026-01-01T00:00:00.000Z' };
    apply([
      { type: 'chat.updated', chat: chatView('chat-1') },
      { type: 'chat.updated', chat: chatView('chat-2') },
      { type: 'message.new', message: anas },
      { type: 'message.new', message: both },
      { type: 'message.new', message: bens },
      { type: 'emoticon.created', emoticon: mine },
    ]);

    const deleted: SyncEvent = { type: 'emoticon.deleted', emoticonId: 'emo-ana', shortcut: 'party' };
    const changes = apply([deleted]);
    expect(metaOf(anas.id)).toBeNull();
    expect(metaOf(both.id)).toEqual({ forwarded: true, emoticons: { wave: { emoticonId: 'emo-wave', mediaId: 'media-wave', animated: true } } });
    expect(metaOf(bens.id)).toEqual({ emoticons: party('emo-ben', 'media-ben') });
    expect(cache.emoticons.all()).toEqual([mine]);
    expect(changes.events).toEqual([deleted]);

    // My own copy, deleted on another device: it leaves my picker and my message too.
    apply([{ type: 'emoticon.deleted', emoticonId: 'emo-ben', shortcut: 'party' }]);
    expect(cache.emoticons.all()).toEqual([]);
    expect(metaOf(bens.id)).toBeNull();
  });
});
