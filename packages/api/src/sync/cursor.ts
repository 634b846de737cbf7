/**
 * A position in a user's merged stream (sync/merged-stream.ts): how far they have read their
 * own stream, and each group chat's stream. As an event id it is `<user seq>` followed by
 * `.<chat num>:<chat seq>` for every chat read past the start of the member's first window, in
 * chat-number order: e.g. `41.3:1200.7:15`. A chat left out is at its start, so an id from
 * before group streams existed (digits only) is still exact: those streams began empty then.
 *
 * Ids only grow, each part on its own; one id covers another when no part is behind
 * (apps/desktop/src/shared/event-id.ts compares them the same way).
 */
export interface Cursor {
  user: number;
  /** Chat num → the last chat seq read; absent: the start of the member's first window. */
  chats: Map<number, number>;
}

/** What `lastEventId` / `since` accept: an id as above (at most a few thousand chats long). */
export const EVENT_ID_PATTERN = /^\d{1,15}(?:\.\d{1,9}:\d{1,15}){0,5000}$/;

export function parseCursor(id: string): Cursor {
  const [user, ...parts] = id.split('.');
  const chats = new Map<number, number>();
  for (const part of parts) {
    const [num, seq] = part.split(':');
    chats.set(Number(num), Number(seq));
  }
  return { user: Number(user), chats };
}

export function formatCursor(cursor: Cursor): string {
  if (cursor.chats.size === 0) return String(cursor.user);
  const nums = [...cursor.chats.keys()].sort((a, b) => a - b);
  return `${cursor.user}${nums.map((n) => `.${n}:${cursor.chats.get(n)}`).join('')}`;
}
