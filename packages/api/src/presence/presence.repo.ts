import type { Database } from '@confab/db';
import type { Kysely } from 'kysely';

/** A process's row older than this is from a process that died without cleaning up. */
export const PRESENCE_STALE_MS = 90_000;
/** How often each process refreshes its rows (apps/server jobs). */
export const PRESENCE_HEARTBEAT_MS = 30_000;

const freshSince = (now: Date) => new Date(now.getTime() - PRESENCE_STALE_MS);

/** Whether a process other than `processId` holds a live event stream of the user. */
export async function onlineElsewhere(db: Kysely<Database>, userId: string, processId: string, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('presenceConnections')
    .select('processId')
    .where('userId', '=', userId)
    .where('processId', '!=', processId)
    .where('updatedAt', '>', freshSince(now))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Users who share a current chat with `userId` (the audience of their presence). */
export async function coMemberIds(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('chatMembers as mine')
    .innerJoin('chatMembers as other', 'other.chatId', 'mine.chatId')
    .select('other.userId')
    .distinct()
    .where('mine.userId', '=', userId)
    .where('mine.leftSeq', 'is', null)
    .where('other.leftSeq', 'is', null)
    .where('other.userId', '!=', userId)
    .execute();
  return rows.map((r) => r.userId);
}
