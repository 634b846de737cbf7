import { describe, expect, it } from 'vitest';
import type { MessageView } from '../../lib/backend';
import { buildRows } from './rows';

function message(seq: number, senderId: string, at: string): MessageView {
  return {
    id: `m${seq}`, chatId: 'c', seq, senderId, clientId: `k${seq}`, kind: 'text', text: 'x', mediaId: null, replyToId: null, meta: null,
    createdAt: at, editedAt: null, deletedAt: null, expiresAt: null, reactions: [],
  };
}

describe('conversation rows', () => {
  it('puts a day separator before each new day and groups close messages from one sender', () => {
    const rows = buildRows(
      [
        message(1, 'a', '2026-01-01T10:00:00'),
        message(2, 'a', '2026-01-01T10:01:00'),
        message(3, 'b', '2026-01-01T10:02:00'),
        message(4, 'b', '2026-01-02T09:00:00'),
      ],
      [{ clientId: 'p', chatId: 'c', text: 'sending', replyToId: null, createdAt: '2026-01-02T09:01:00', error: null }],
      'me',
      new Date('2026-01-02T12:00:00'),
    );
    expect(rows.map((r) => r.kind)).toEqual(['top', 'day', 'message', 'message', 'message', 'day', 'message', 'pending']);
    const messages = rows.filter((r) => r.kind === 'message');
    expect(messages.map((r) => [r.groupedWithPrevious, r.lastOfGroup])).toEqual([
      [false, false],
      [true, true],
      [false, true],
      [false, true],
    ]);
    expect(rows.filter((r) => r.kind === 'day').map((r) => r.label)).toEqual(['Yesterday', 'Today']);
  });

  it('draws one "unread" line above the first message from others after the last read one', () => {
    const rows = buildRows(
      [message(1, 'a', '2026-01-01T10:00:00'), message(2, 'me', '2026-01-01T10:01:00'), message(3, 'a', '2026-01-01T10:02:00'), message(4, 'a', '2026-01-01T10:03:00')],
      [],
      'me',
      new Date('2026-01-01T12:00:00'),
      1,
    );
    expect(rows.map((r) => (r.kind === 'message' ? r.message.seq : r.kind))).toEqual(['top', 'day', 1, 2, 'unread', 3, 4]);
    expect(rows.find((r) => r.kind === 'unread')).toMatchObject({ count: 2 });
    expect(buildRows([message(1, 'a', '2026-01-01T10:00:00')], [], 'me', new Date('2026-01-01T12:00:00'), 1).some((r) => r.kind === 'unread')).toBe(false);
  });
});
