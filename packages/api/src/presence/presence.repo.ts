import type { Database } from '@confab/db';
import type { Kysely } from 'kysely';

/** A process whose heartbeat is older than this died without cleaning up. */
export const PRESENCE_STALE_MS = 90_000;
/** How often each process stamps its heartbeat row (apps/server jobs). */
export const PRESENCE_HEARTBEAT_MS = 30_000;

const freshSince = (now: Date) => new Date(now.getTime() - PRESENCE_STALE_MS);

/** Whether a live process other than `processId` holds an event stream of the user. */
export async function onlineElsewhere(db: Kysely<Database>, userId: string, processId: string, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('presenceConnections as c')
    .innerJoin('presenceProcesses as p', 'p.processId', 'c.processId')
    .select('c.processId')
    .where('c.userId', '=', userId)
    .where('c.processId', '!=', processId)
    .where('p.heartbeatAt', '>', freshSince(now))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Stamps this process's heartbeat; false when its row was gone (another process took it for dead). */
export async function stampHeartbeat(db: Kysely<Database>, processId: string, now: Date): Promise<boolean> {
  const updated = await db.updateTable('presenceProcesses').set({ heartbeatAt: now }).where('processId', '=', processId).executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return true;
  await db.insertInto('presenceProcesses').values({ processId, heartbeatAt: now }).onConflict((oc) => oc.column('processId').doUpdateSet({ heartbeatAt: now })).execute();
  return false;
}

/**
 * Removes processes whose heartbeat went stale, and rows of processes with no heartbeat at
 * all; returns the users whose rows were removed, each with when their process was last heard.
 */
export async function removeDeadProcesses(db: Kysely<Database>, now: Date): Promise<{ userId: string; lastHeard: Date }[]> {
  return db.transaction().execute(async (trx) => {
    const dead = await trx.deleteFrom('presenceProcesses').where('heartbeatAt', '<=', freshSince(now)).returning(['processId', 'heartbeatAt']).execute();
    const lastHeard = new Map(dead.map((p) => [p.processId, new Date(p.heartbeatAt)]));
    // Rows of the dead, and of processes with no heartbeat row at all (written before an
    // upgrade, or by a process taken for dead that has not beaten since).
    const orphans = await trx
      .deleteFrom('presenceConnections')
      .where((eb) => eb.not(eb.exists(eb.selectFrom('presenceProcesses as p').select('p.processId').whereRef('p.processId', '=', 'presenceConnections.processId'))))
      .returning(['userId', 'processId'])
      .execute();
    return orphans.map((row) => ({ userId: row.userId, lastHeard: lastHeard.get(row.processId) ?? now }));
  });
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
