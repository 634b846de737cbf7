import type { Database } from '@confab/db';
import { sql, type Kysely } from 'kysely';
import { fail } from '../errors.js';
import { LOCKOUT_SECONDS, MAX_WRONG_CODES } from './limits.js';

/**
 * Wrong-code lockout, whichever provider checks the code.
 *
 * Every try is counted *before* the code is checked, in one statement, so a burst of parallel
 * guesses cannot all slip past a read-then-write check: at most MAX_WRONG_CODES codes are ever
 * checked per lockout period. A right code clears the count; a wrong one keeps it and the
 * MAX_WRONG_CODES-th wrong one locks the number. A count with no try for LOCKOUT_SECONDS, or an
 * expired lock, starts afresh.
 */
export async function reserveCodeAttempt(db: Kysely<Database>, phone: string, now: Date): Promise<void> {
  const lockUntil = new Date(now.getTime() + LOCKOUT_SECONDS * 1000);
  const quietSince = new Date(now.getTime() - LOCKOUT_SECONDS * 1000);
  const stale = sql<boolean>`(auth_lockouts.locked_until is not null and auth_lockouts.locked_until <= ${now}::timestamptz)
    or (auth_lockouts.locked_until is null and auth_lockouts.updated_at <= ${quietSince}::timestamptz)`;
  const row = await db
    .insertInto('authLockouts')
    .values({ phone, failedAttempts: 1, lockedUntil: null, updatedAt: now })
    .onConflict((oc) =>
      oc.column('phone').doUpdateSet({
        failedAttempts: sql`case when ${stale} then 1 else auth_lockouts.failed_attempts + 1 end`,
        // More tries in flight than allowed (a parallel burst): lock now, before checking any of them.
        lockedUntil: sql`case when ${stale} then null
          when auth_lockouts.locked_until is null and auth_lockouts.failed_attempts + 1 > ${MAX_WRONG_CODES} then ${lockUntil}::timestamptz
          else auth_lockouts.locked_until end`,
        updatedAt: now,
      }),
    )
    .returning('lockedUntil')
    .executeTakeFirstOrThrow();
  if (row.lockedUntil && new Date(row.lockedUntil) > now) {
    throw fail.tooManyRequests('Too many wrong codes. Try again later.', (new Date(row.lockedUntil).getTime() - now.getTime()) / 1000);
  }
}

/** The reserved try was wrong: it stays counted, and the last allowed one locks the number. */
export async function recordWrongCode(db: Kysely<Database>, phone: string, now: Date): Promise<{ locked: boolean }> {
  const result = await db
    .updateTable('authLockouts')
    .set({ lockedUntil: new Date(now.getTime() + LOCKOUT_SECONDS * 1000) })
    .where('phone', '=', phone)
    .where('lockedUntil', 'is', null)
    .where('failedAttempts', '>=', MAX_WRONG_CODES)
    .executeTakeFirst();
  return { locked: result.numUpdatedRows > 0n };
}

/** The provider could not check the code (outage): the try does not count against the person. */
export async function releaseCodeAttempt(db: Kysely<Database>, phone: string): Promise<void> {
  await db
    .updateTable('authLockouts')
    .set({ failedAttempts: sql`greatest(auth_lockouts.failed_attempts - 1, 0)` })
    .where('phone', '=', phone)
    .where('lockedUntil', 'is', null)
    .execute();
}

/** A right code: the count starts again from zero. */
export async function clearWrongCodes(db: Kysely<Database>, phone: string): Promise<void> {
  await db.deleteFrom('authLockouts').where('phone', '=', phone).execute();
}
