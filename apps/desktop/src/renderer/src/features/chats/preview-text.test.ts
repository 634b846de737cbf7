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
    expect(previewText(message({ deletedAt: '2026-01-01T12:01:00.000Z' }), 'me', 'Ana')).toBe('This message was deleted');
    expect(previewText(message({}), 'me', null)).toBe('Hello');
  });
});
