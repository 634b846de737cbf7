import type { Database } from '@confab/db';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { StreamEntry, SyncEvent } from './event-types.js';
import { lockStreams } from '../lib/locks.js';
import { appendToChats, type ChatAppended, type ChatAudience } from './chat-stream-append.js';

export type { ChatAudience } from './chat-stream-append.js';

export interface PendingEvent {
  /** Users, or every current member of a chat (a group's then goes to its chat stream). */
  recipients: readonly string[] | ChatAudience;
  event: SyncEvent;
}

export interface AppendedEvents {
  userId: string;
  entries: StreamEntry[];
}

/** What one commit appended: to users' own streams, to chat streams, and whose windows opened. */
export interface Appended {
  users: AppendedEvents[];
  chats: ChatAppended[];
  /** Users who can now read a chat stream they could not before: their streams look again. */
  opened: string[];
}

export const nothingAppended = (): Appended => ({ users: [], chats: [], opened: [] });

/**
 * Appends events to their recipients' streams inside the caller's transaction. An event for a
 * group's members is stored once in the chat's stream (sync/chat-stream-append.ts); the rest
 * go to each recipient's own stream. Chat streams are locked first, then user streams in
 * user-id order, so concurrent writers never deadlock, and each seq is taken under its lock,
 * so every stream has no gaps and commits in seq order. A commit's chat events are stored (and
 * published) before its users' events, so a reader merging by storage order and one hearing the
 * bus see them in the same order.
 */
export async function appendEvents(trx: Transaction<Database>, pending: readonly PendingEvent[], now: Date): Promise<Appended> {
  if (pending.length === 0) return nothingAppended();
  const chats = await appendToChats(trx, pending, now);
  const personal = pending.filter((p) => !chats.routed.has(p));
  const users = await appendToUsers(trx, personal, now);
  await redactDeletedMessages(trx, pending);
  return { users, chats: chats.appended, opened: chats.opened };
}

async function appendToUsers(trx: Transaction<Database>, pending: readonly PendingEvent[], now: Date): Promise<AppendedEvents[]> {
  const perUser = new Map<string, SyncEvent[]>();
  for (const { recipients, event } of pending) {
    for (const userId of new Set(Array.isArray(recipients) ? recipients : (recipients as ChatAudience).members)) {
      const list = perUser.get(userId) ?? [];
      list.push(event);
      perUser.set(userId, list);
    }
  }
  if (perUser.size === 0) return [];
  const userIds = [...perUser.keys()].sort();

  await lockStreams(trx, userIds);
  const counts = userIds.map((id) => perUser.get(id)!.length);
  const heads = await trx
    .updateTable('userStreams as s')
    .from(sql<{ userId: string; n: number }>`(select unnest(${userIds}::text[]) as user_id, unnest(${counts}::int[]) as n)`.as('v'))
    .set({ lastSeq: sql`s.last_seq + v.n` })
    .whereRef('s.userId', '=', 'v.userId')
    .returning(['s.userId', 's.lastSeq'])
    .execute();

  // Each event's content is stored once; the streams point at it.
  const payloadIds = new Map<SyncEvent, number>();
  for (const { event } of pending) {
    if (payloadIds.has(event)) continue;
    payloadIds.set(event, await insertPayload(trx, event, now));
  }

  const appended: AppendedEvents[] = [];
  const streamUsers: string[] = [];
  const seqs: number[] = [];
  const payloads: number[] = [];
  for (const { userId, lastSeq } of heads) {
    const events = perUser.get(userId)!;
    const first = lastSeq - events.length + 1;
    const entries = events.map((event, i) => ({ seq: first + i, event }));
    appended.push({ userId, entries });
    for (const entry of entries) {
      streamUsers.push(userId);
      seqs.push(entry.seq);
      payloads.push(payloadIds.get(entry.event)!);
    }
  }
  // Three array parameters instead of three per row: one statement for any fan-out.
  await sql`insert into events (user_id, seq, payload_id)
    select * from unnest(${streamUsers}::text[], ${seqs}::bigint[], ${payloads}::bigint[])`.execute(trx);
  return appended;
}

/** Stores an event's content; streams refer to it by the id returned. */
export async function insertPayload(trx: Transaction<Database>, event: SyncEvent, now: Date): Promise<number> {
  const row = await trx
    .insertInto('eventPayloads')
    .values({ type: event.type, messageId: messageIdOf(event), payload: JSON.stringify(event), createdAt: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

function messageIdOf(event: SyncEvent): string | null {
  if (event.type === 'message.new' || event.type === 'message.updated') return event.message.id;
  return null;
}

/**
 * A message deleted for everyone (or expired) must not live on in the streams that carried
 * it: its stored copies keep their place and lose their content, so a client catching up
 * later never receives what was deleted.
 */
async function redactDeletedMessages(trx: Transaction<Database>, pending: readonly PendingEvent[]): Promise<void> {
  const deleted = pending.flatMap(({ event }) => (event.type === 'message.deleted' && event.forEveryone ? [event.messageId] : []));
  if (deleted.length === 0) return;
  await sql`update event_payloads
    set payload = jsonb_set(payload, '{message}', (payload->'message') || '{"text": null, "mediaId": null, "media": null, "meta": null, "replyTo": null, "reactions": []}'::jsonb || jsonb_build_object('deletedAt', to_jsonb(now())))
    where message_id in (${sql.join(deleted)}) and payload ? 'message'`.execute(trx);
}

export async function streamHead(db: Kysely<Database>, userId: string): Promise<number> {
  const row = await db.selectFrom('userStreams').select('lastSeq').where('userId', '=', userId).executeTakeFirst();
  return row?.lastSeq ?? 0;
}

export async function createStream(trx: Kysely<Database>, userId: string): Promise<void> {
  await trx.insertInto('userStreams').values({ userId, lastSeq: 0 }).onConflict((oc) => oc.column('userId').doNothing()).execute();
}
