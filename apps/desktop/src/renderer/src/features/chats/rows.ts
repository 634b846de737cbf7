import type { MessageView } from '../../lib/backend';
import { dayKey, formatDay } from '../../lib/format';
import type { PendingMessage } from './state';

/** Messages from one sender this close together form a group (one tail, tighter spacing). */
const GROUP_MS = 5 * 60_000;

export type Row =
  | { kind: 'top'; key: 'top' }
  | { kind: 'day'; key: string; label: string }
  | { kind: 'unread'; key: 'unread'; count: number }
  | { kind: 'message'; key: string; message: MessageView; groupedWithPrevious: boolean; lastOfGroup: boolean }
  | { kind: 'pending'; key: string; pending: PendingMessage };

interface Item {
  senderId: string;
  createdAt: string;
  kind?: string;
}

function sameGroup(a: Item | undefined, b: Item | undefined): boolean {
  if (!a || !b || a.senderId !== b.senderId) return false;
  // A group notice ("Ana added Ben") stands alone: the actor's next message starts a new run.
  if (a.kind === 'system' || b.kind === 'system') return false;
  if (dayKey(a.createdAt) !== dayKey(b.createdAt)) return false;
  return Math.abs(Date.parse(b.createdAt) - Date.parse(a.createdAt)) < GROUP_MS;
}

/**
 * The conversation as rows for the virtual list: a top row (loading older / beginning), day
 * separators, an "N unread messages" line, messages with their grouping, then messages still being sent.
 */
export function buildRows(
  messages: readonly MessageView[],
  pending: readonly PendingMessage[],
  meId: string,
  now = new Date(),
  /** Others' messages after this seq were unread when the chat opened: a line goes above the first. */
  unreadAfterSeq: number | null = null,
): Row[] {
  const rows: Row[] = [{ kind: 'top', key: 'top' }];
  const items: (Item & ({ message: MessageView } | { pending: PendingMessage }))[] = [
    ...messages.map((message) => ({ senderId: message.senderId, createdAt: message.createdAt, kind: message.kind, message })),
    ...pending.map((p) => ({ senderId: meId, createdAt: p.createdAt, pending: p })),
  ];
  let day = '';
  const unread = unreadAfterSeq === null ? [] : messages.filter((m) => m.seq > unreadAfterSeq && m.senderId !== meId && m.kind !== 'system');
  const firstUnread = unread[0];
  items.forEach((item, i) => {
    const key = dayKey(item.createdAt);
    if (key !== day) {
      day = key;
      rows.push({ kind: 'day', key: `day-${key}`, label: formatDay(item.createdAt, now) });
    }
    if ('message' in item) {
      if (item.message === firstUnread) rows.push({ kind: 'unread', key: 'unread', count: unread.length });
      rows.push({
        kind: 'message',
        key: item.message.id,
        message: item.message,
        groupedWithPrevious: sameGroup(items[i - 1], item),
        lastOfGroup: !sameGroup(item, items[i + 1]),
      });
    } else {
      rows.push({ kind: 'pending', key: `pending-${item.pending.clientId}`, pending: item.pending });
    }
  });
  return rows;
}
