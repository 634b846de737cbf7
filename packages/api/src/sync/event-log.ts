import type { Database } from '@confab/db';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { StreamEntry, SyncEvent } from './event-types.js';

export interface PendingEvent {
  recipients: readonly string[];
  event: SyncEvent;
}

export interface AppendedEvents {
  userId: string;
  entries: StreamEntry[];
}

/**
 * Appends events to their recipients' streams inside the caller's transaction. Stream rows are
 * locked in user-id order, so concurrent writers never deadlock, and each seq is taken under
 * the lock, so a user's stream has no gaps and commits in seq order.
 */
export async function appendEvents(trx: Transaction<Database>, pending: readonly PendingEvent[], now: Date): Promise<AppendedEvents[]> {
  const perUser = new Map<string, SyncEvent[]>();
  for (const { recipients, event } of pending) {
    for (const userId of new Set(recipients)) {
      const list = perUser.get(userId) ?? [];
      list.push(event);
      perUser.set(userId, list);
    }
  }
  if (perUser.size === 0) return [];
  const userIds = [...perUser.keys()].sort();

  await trx.selectFrom('userStreams').select('userId').where('userId', 'in', userIds).orderBy('userId').forUpdate().execute();
  const counts = userIds.map((id) => perUser.get(id)!.length);
  const heads = await trx
    .updateTable('userStreams as s')
    .from(sql<{ userId: string; n: number }>`(select unnest(${userIds}::text[]) as user_id, unnest(${counts}::int[]) as n)`.as('v'))
    .set({ lastSeq: sql`s.last_seq + v.n` })
    .whereRef('s.userId', '=', 'v.userId')
    .returning(['s.userId', 's.lastSeq'])
    .execute();

  const appended: AppendedEvents[] = [];
  const rows: { userId: string; seq: number; type: string; payload: string; createdAt: Date }[] = [];
  for (const { userId, lastSeq } of heads) {
    const events = perUser.get(userId)!;
    const first = lastSeq - events.length + 1;
    const entries = events.map((event, i) => ({ seq: first + i, event }));
    appended.push({ userId, entries });
    for (const entry of entries) {
      rows.push({ userId, seq: entry.seq, type: entry.event.type, payload: JSON.stringify(entry.event), createdAt: now });
    }
  }
  for (let i = 0; i < rows.length; i += 1000) {
    await trx.insertInto('events').values(rows.slice(i, i + 1000)).execute();
  }
  return appended;
}

export async function readEvents(db: Kysely<Database>, userId: string, afterSeq: number, limit: number): Promise<StreamEntry[]> {
  const rows = await db
    .selectFrom('events')
    .select(['seq', 'payload'])
    .where('userId', '=', userId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ seq: r.seq, event: r.payload as SyncEvent }));
}

export async function streamHead(db: Kysely<Database>, userId: string): Promise<number> {
  const row = await db.selectFrom('userStreams').select('lastSeq').where('userId', '=', userId).executeTakeFirst();
  return row?.lastSeq ?? 0;
}

export async function createStream(trx: Kysely<Database>, userId: string): Promise<void> {
  await trx.insertInto('userStreams').values({ userId, lastSeq: 0 }).onConflict((oc) => oc.column('userId').doNothing()).execute();
}
