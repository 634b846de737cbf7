import type { Database } from '@confab/db';
import { sql, type Kysely } from 'kysely';
import { fail } from '../errors.js';
import type { Cursor } from './cursor.js';
import type { SyncEvent } from './event-types.js';

/**
 * A user's stream as they read it: their own events (`events`, one gapless seq per user) merged
 * with the streams of their group chats (`chat_events`, one gapless seq per chat), each chat
 * read only inside the user's windows (`stream_windows`). Each part is read in seq order; the
 * parts are interleaved in the order their events were stored (payload ids), so a "delete for
 * me" of a group message never comes before the message.
 */

export interface Window {
  from: number;
  to: number | null;
}

export interface ChatView {
  num: number;
  chatId: string;
  /** The chat stream's head: every seq up to it is committed. */
  head: number;
  windows: Window[];
}

/** The heads a read is bounded by, and the user's windows. */
export interface StreamView {
  userHead: number;
  chats: Map<number, ChatView>;
}

/** One event of the merged stream: `chat` null for the user's own stream. */
export interface MergedEntry {
  chat: number | null;
  seq: number;
  payloadId: number;
  event: SyncEvent;
  windowsChanged: boolean;
}

export async function loadView(db: Kysely<Database>, userId: string): Promise<StreamView> {
  // The user's head first, then the chats' heads with the windows in one statement, so each
  // head is read no later than what is read below it.
  const user = await db.selectFrom('userStreams').select('lastSeq').where('userId', '=', userId).executeTakeFirst();
  const rows = await db
    .selectFrom('streamWindows as w')
    .innerJoin('chatStreams as s', 's.num', 'w.chatNum')
    .select(['s.num', 's.chatId', 's.lastSeq', 'w.fromSeq', 'w.toSeq'])
    .where('w.userId', '=', userId)
    .orderBy('s.num')
    .orderBy('w.fromSeq')
    .execute();
  const chats = new Map<number, ChatView>();
  for (const row of rows) {
    let chat = chats.get(row.num);
    if (!chat) {
      chat = { num: row.num, chatId: row.chatId, head: Number(row.lastSeq), windows: [] };
      chats.set(row.num, chat);
    }
    chat.windows.push({ from: Number(row.fromSeq), to: row.toSeq === null ? null : Number(row.toSeq) });
  }
  return { userHead: Number(user?.lastSeq ?? 0), chats };
}

/** Where the user is in a chat: their last read seq, or the start of their first window. */
export function chatPosition(cursor: Cursor, chat: ChatView): number {
  return cursor.chats.get(chat.num) ?? chat.windows[0]!.from;
}

/** Whether `seq` of this chat is inside one of the user's windows. */
export function inWindow(chat: ChatView, seq: number): boolean {
  return chat.windows.some((w) => seq > w.from && (w.to === null || seq <= w.to));
}

/** Whether the chat has events up to its head, inside a window, after `pos`. */
function chatPending(chat: ChatView, pos: number): boolean {
  return chat.windows.some((w) => Math.max(pos, w.from) < Math.min(w.to ?? chat.head, chat.head));
}

export function hasPending(view: StreamView, cursor: Cursor): boolean {
  if (cursor.user < view.userHead) return true;
  for (const chat of view.chats.values()) if (chatPending(chat, chatPosition(cursor, chat))) return true;
  return false;
}

/** The cursor at the present: every stream at its head. */
export function presentCursor(view: StreamView): Cursor {
  const chats = new Map<number, number>();
  for (const chat of view.chats.values()) if (chat.head > chat.windows[0]!.from) chats.set(chat.num, chat.head);
  return { user: view.userHead, chats };
}

/**
 * The cursor a client sent, made to fit this server: an id past the user's head (another
 * server, or a wiped one) restarts at the present; chats the user has no window in are dropped,
 * and a chat part past its head is held at the head.
 */
export function fitCursor(view: StreamView, cursor: Cursor): Cursor {
  if (cursor.user > view.userHead) return presentCursor(view);
  const chats = new Map<number, number>();
  for (const [num, seq] of cursor.chats) {
    const chat = view.chats.get(num);
    if (chat) chats.set(num, Math.min(seq, chat.head));
  }
  return { user: cursor.user, chats };
}

/**
 * Up to `limit` events after `cursor`, in order, each stream's part gapless; `cursor` is not
 * moved (the caller moves it as it hands each entry on: `advance`). A stream whose events after
 * the cursor were pruned (EVENT_RETENTION_DAYS) is refused: resync.
 */
export async function readMerged(db: Kysely<Database>, userId: string, view: StreamView, cursor: Cursor, limit: number): Promise<MergedEntry[]> {
  const parts: { entries: MergedEntry[]; full: boolean }[] = [];
  if (cursor.user < view.userHead) {
    const rows = await db
      .selectFrom('events as e')
      .innerJoin('eventPayloads as p', 'p.id', 'e.payloadId')
      .select(['e.seq', 'e.payloadId', 'p.payload'])
      .where('e.userId', '=', userId)
      .where('e.seq', '>', cursor.user)
      .where('e.seq', '<=', view.userHead)
      .orderBy('e.seq')
      .limit(limit)
      .execute();
    let prev = cursor.user;
    for (const row of rows) {
      if (Number(row.seq) !== prev + 1) throw fail.resync();
      prev = Number(row.seq);
    }
    if (rows.length === 0) throw fail.resync();
    parts.push({ entries: rows.map((r) => ({ chat: null, seq: Number(r.seq), payloadId: Number(r.payloadId), event: r.payload as SyncEvent, windowsChanged: false })), full: rows.length === limit });
  }
  for (const chat of view.chats.values()) {
    const pos = chatPosition(cursor, chat);
    if (!chatPending(chat, pos)) continue;
    // The windows are joined here, not taken from `view`: this statement sees the newest ones.
    const rows = await sql<{ seq: number; payloadId: number; payload: unknown; windowsChanged: boolean; fromSeq: number }>`
      select e.seq, e.payload_id, p.payload, e.windows_changed, w.from_seq
      from chat_events e
      join stream_windows w on w.chat_num = e.chat_num and w.user_id = ${userId} and e.seq > w.from_seq and (w.to_seq is null or e.seq <= w.to_seq)
      join event_payloads p on p.id = e.payload_id
      where e.chat_num = ${chat.num} and e.seq > ${pos} and e.seq <= ${chat.head}
      order by e.seq limit ${limit}`.execute(db);
    let prev = pos;
    for (const row of rows.rows) {
      const seq = Number(row.seq);
      const from = Number(row.fromSeq);
      if (seq !== prev + 1 && !(prev <= from && seq === from + 1)) throw fail.resync();
      prev = seq;
    }
    if (rows.rows.length === 0) throw fail.resync();
    parts.push({
      entries: rows.rows.map((r) => ({ chat: chat.num, seq: Number(r.seq), payloadId: Number(r.payloadId), event: r.payload as SyncEvent, windowsChanged: r.windowsChanged })),
      full: rows.rows.length === limit,
    });
  }
  if (parts.length === 1) return parts[0]!.entries;
  // A part cut short by the limit may have events stored before the others' later ones: only
  // what comes before its last one is certain to be in order.
  const cut = Math.min(...parts.filter((p) => p.full).map((p) => p.entries.at(-1)!.payloadId));
  const merged = parts.flatMap((p) => p.entries).filter((e) => e.payloadId <= cut);
  merged.sort((a, b) => a.payloadId - b.payloadId);
  return merged.slice(0, limit);
}

/** Moves the cursor past an entry handed on. */
export function advance(cursor: Cursor, entry: { chat: number | null; seq: number }): void {
  if (entry.chat === null) cursor.user = entry.seq;
  else cursor.chats.set(entry.chat, entry.seq);
}
