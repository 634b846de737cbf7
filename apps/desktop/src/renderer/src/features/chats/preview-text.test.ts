import { describe, expect, it } from 'vitest';
import type { MessageView } from '../../lib/backend';
import { previewText } from './preview-text';

function message(extra: Partial<MessageView>): MessageView {
  return {
    id: 'm1', chatId: 'g1', seq: 1, senderId: 'ana', clientId: 'k1', kind: 'text', text: 'Hello', mediaId: null, replyToId: null, meta: null,
    createdAt: '2026-01-01T12:00:00.000Z', editedAt: null, deletedAt: null, expiresAt: null, reactions: [], ...extra,
  };
}

describe('chat-list preview text', () => {
  it('names the sender in a group ("Ana: Hello") and me as "You"', () => {
    expect(previewText(message({}), 'me', 'Ana')).toBe('Ana: Hello');
    expect(previewText(message({ kind: 'image', text: null }), 'me', 'Ana')).toBe('Ana: Photo');
    expect(previewText(message({ senderId: 'me' }), 'me', 'Ana')).toBe('You: Hello');
  });

  it('leaves the name off notices, deleted messages, and while the name is unknown', () => {
    expect(previewText(message({ kind: 'system', text: 'Ana added Ben' }), 'me', 'Ana')).toBe('Ana added Ben');
    // In my words when I acted or was acted on.
    const ana = { id: 'ana', name: 'Ana Alves', phone: null };
    const ben = { id: 'ben', name: 'Ben Brown', phone: null };
    const removed = message({ kind: 'system', text: 'Ana Alves removed Ben Brown', meta: { action: 'removed', actorId: 'ana', targetIds: ['ben'] } });
    expect(previewText(removed, 'ana', null, ana)).toBe('You removed Ben Brown');
    expect(previewText(removed, 'ben', null, ben)).toBe('Ana Alves removed you');
    const added = message({ kind: 'system', text: 'Ben Brown added Cy, Ana Alves and Dee', meta: { action: 'added', actorId: 'ben', targetIds: ['cy', 'ana', 'dee'] } });
    expect(previewText(added, 'ana', null, ana)).toBe('Ben Brown added Cy, you and Dee');
    const promoted = message({ kind: 'system', text: 'Ana Alves is now an admin', meta: { action: 'promoted', actorId: 'ben', targetIds: ['ana'] } });
    expect(previewText(promoted, 'ana', null, ana)).toBe('You are now an admin');
    // Someone else who shares my first name is not me.
    const other = message({ kind: 'system', text: 'Ben Brown added Ana Alvesson', meta: { action: 'added', actorId: 'ben', targetIds: ['ana2'] } });
    expect(previewText(other, 'ana', null, ana)).toBe('Ben Brown added Ana Alvesson');
    expect(previewText(message({ deletedAt: '2026-01-01T12:01:00.000Z' }), 'me', 'Ana')).toBe('This message was deleted');
    expect(previewText(message({}), 'me', null)).toBe('Hello');
  });
});
