import type { Database } from '@confab/db';
import { sql, type Transaction } from 'kysely';
import type { SyncEvent } from './event-types.js';
import { insertPayload, type PendingEvent } from './event-log.js';

/** Every current member of a chat, as the change read them (chats/membership.ts `chatAudience`). */
export interface ChatAudience {
  chatId: string;
  members: readonly string[];
}

export interface ChatEntry {
  seq: number;
  event: SyncEvent;
  /** Somebody's window opened or closed at this event: readers look at their windows again. */
  windowsChanged?: true;
  /** Who may read it (for Web Push; not published). */
  recipients: readonly string[];
}

export interface ChatAppended {
  chatId: string;
  chatNum: number;
  entries: ChatEntry[];
}

interface ChatAppendResult {
  /** The pending events stored in a chat stream (the rest go to users' own streams). */
  routed: Set<PendingEvent>;
  appended: ChatAppended[];
  opened: string[];
}

interface OpenWindow {
  from: number;
  /** Already stored (an open row), or opened by this append. */
  stored: boolean;
}

/**
 * Appends the events meant for a group's current members to the group's stream, once each.
 * Who may read each one is kept exact by the windows: when an event's recipients differ from
 * the open windows, the windows of who is no longer named close before it and those newly named
 * open just before it, in the same transaction. Only after a membership change are the windows
 * compared at all (the trigger of migration 0065 says so); otherwise the recipients are the
 * members the windows already show.
 */
export async function appendToChats(trx: Transaction<Database>, pending: readonly PendingEvent[], now: Date): Promise<ChatAppendResult> {
  const result: ChatAppendResult = { routed: new Set(), appended: [], opened: [] };
  const byChat = new Map<string, PendingEvent[]>();
  for (const p of pending) {
    if (Array.isArray(p.recipients)) continue;
    const { chatId } = p.recipients as ChatAudience;
    const list = byChat.get(chatId) ?? [];
    list.push(p);
    byChat.set(chatId, list);
  }
  if (byChat.size === 0) return result;
  // Only groups have a stream (migration 0065); a 1:1 chat's events go to its two members.
  const streams = await trx
    .selectFrom('chatStreams')
    .selectAll()
    .where(sql<boolean>`chat_id = any(${[...byChat.keys()].sort()}::text[])`)
    .orderBy('chatId')
    .forUpdate()
    .execute();
  const opened = new Set<string>();
  for (const stream of streams) {
    const events = byChat.get(stream.chatId)!;
    for (const p of events) result.routed.add(p);
    const first = Number(stream.lastSeq) + 1;
    const flags = events.map(() => false);
    let windowsVersion = Number(stream.windowsVersion);
    if (Number(stream.membersVersion) !== windowsVersion) {
      const synced = await followRecipients(trx, stream.num, stream.chatId, first, events, flags, opened);
      if (synced) windowsVersion = Number(stream.membersVersion);
    }
    const payloads: number[] = [];
    for (const { event } of events) payloads.push(await insertPayload(trx, event, now));
    const seqs = events.map((_, i) => first + i);
    await trx
      .updateTable('chatStreams')
      .set({ lastSeq: first + events.length - 1, windowsVersion })
      .where('chatId', '=', stream.chatId)
      .execute();
    await sql`insert into chat_events (chat_num, seq, payload_id, windows_changed)
      select ${stream.num}, * from unnest(${seqs}::bigint[], ${payloads}::bigint[], ${flags}::boolean[])`.execute(trx);
    result.appended.push({
      chatId: stream.chatId,
      chatNum: stream.num,
      entries: events.map((p, i) => ({ seq: seqs[i]!, event: p.event, recipients: (p.recipients as ChatAudience).members, ...(flags[i] ? { windowsChanged: true as const } : {}) })),
    });
  }
  result.opened = [...opened];
  return result;
}

/**
 * Moves the chat's windows along the events' recipients (see appendToChats) and says whether
 * the open windows are now exactly the chat's current members.
 */
async function followRecipients(
  trx: Transaction<Database>,
  num: number,
  chatId: string,
  first: number,
  events: readonly PendingEvent[],
  flags: boolean[],
  opened: Set<string>,
): Promise<boolean> {
  const rows = await trx.selectFrom('streamWindows').select(['userId', 'fromSeq']).where('chatNum', '=', num).where('toSeq', 'is', null).execute();
  const open = new Map<string, OpenWindow>(rows.map((r) => [r.userId, { from: Number(r.fromSeq), stored: true }]));
  const closeStored: { user: string; from: number; to: number }[] = [];
  const insert: { user: string; from: number; to: number | null }[] = [];
  events.forEach((p, i) => {
    const seq = first + i;
    const recipients = new Set((p.recipients as ChatAudience).members);
    for (const [user, w] of open) {
      if (recipients.has(user)) continue;
      open.delete(user);
      flags[i] = true;
      // A window that never held an event is no window.
      if (w.stored) closeStored.push({ user, from: w.from, to: seq - 1 });
      else if (seq - 1 > w.from) insert.push({ user, from: w.from, to: seq - 1 });
    }
    for (const user of recipients) {
      if (open.has(user)) continue;
      open.set(user, { from: seq - 1, stored: false });
      opened.add(user);
      flags[i] = true;
    }
  });
  for (const [user, w] of open) if (!w.stored) insert.push({ user, from: w.from, to: null });

  const empty = closeStored.filter((c) => c.to === c.from);
  const closed = closeStored.filter((c) => c.to > c.from);
  if (empty.length > 0) {
    await sql`delete from stream_windows w using unnest(${empty.map((c) => c.user)}::text[], ${empty.map((c) => c.from)}::bigint[]) as v(user_id, from_seq)
      where w.chat_num = ${num} and w.user_id = v.user_id and w.from_seq = v.from_seq`.execute(trx);
  }
  if (closed.length > 0) {
    await sql`update stream_windows w set to_seq = v.to_seq
      from unnest(${closed.map((c) => c.user)}::text[], ${closed.map((c) => c.from)}::bigint[], ${closed.map((c) => c.to)}::bigint[]) as v(user_id, from_seq, to_seq)
      where w.chat_num = ${num} and w.user_id = v.user_id and w.from_seq = v.from_seq`.execute(trx);
  }
  if (insert.length > 0) {
    await sql`insert into stream_windows (user_id, chat_num, from_seq, to_seq)
      select v.user_id, ${num}, v.from_seq, v.to_seq from unnest(${insert.map((c) => c.user)}::text[], ${insert.map((c) => c.from)}::bigint[], ${insert.map((c) => c.to)}::bigint[]) as v(user_id, from_seq, to_seq)`.execute(trx);
  }
  const members = await trx.selectFrom('chatMembers').select('userId').where('chatId', '=', chatId).where('leftSeq', 'is', null).execute();
  return members.length === open.size && members.every((m) => open.has(m.userId));
}
