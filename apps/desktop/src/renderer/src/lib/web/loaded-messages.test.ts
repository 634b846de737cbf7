import { describe, expect, it } from 'vitest';
import type { MessageView } from '../backend';
import { LoadedMessages } from './loaded-messages';

const message = (id: string, chatId: string, text: string | null, at: string, extra: Partial<MessageView> = {}): MessageView => ({
  id, chatId, seq: 1, senderId: 'u', clientId: id, kind: 'text', text, mediaId: null, replyToId: null, meta: null,
  createdAt: at, editedAt: null, deletedAt: null, expiresAt: null, reactions: [], ...extra,
});

describe('searching the messages a web tab has loaded', () => {
  it('finds matches newest first, follows edits and deletions, and can stay in one chat', () => {
    const loaded = new LoadedMessages();
    loaded.addAll([message('a', 'c1', 'Lunch at noon', '2026-01-01T10:00:00Z'), message('b', 'c2', 'lunch tomorrow?', '2026-01-02T10:00:00Z')]);
    loaded.apply({ type: 'message.new', message: message('c', 'c1', 'No lunch', '2026-01-03T10:00:00Z') });
    expect(loaded.search('LUNCH').map((h) => h.message.id)).toEqual(['c', 'b', 'a']);
    expect(loaded.search('lunch', 'c1').map((h) => h.message.id)).toEqual(['c', 'a']);

    loaded.apply({ type: 'message.updated', message: message('b', 'c2', 'dinner tomorrow?', '2026-01-02T10:00:00Z') });
    loaded.apply({ type: 'message.deleted', chatId: 'c1', messageId: 'c', seq: 1, forEveryone: true });
    expect(loaded.search('lunch').map((h) => h.message.id)).toEqual(['a']);
  });
});
