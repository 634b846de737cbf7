import type { Database } from '@confab/db';
import { sql, type Kysely } from 'kysely';
import { fail } from '../errors.js';
import { LOCKOUT_SECONDS, MAX_WRONG_CODES } from './limits.js';

/** Refuses any code, even the right one, while the number is locked. */
export async function assertNotLocked(db: Kysely<Database>, phone: string, now: Date): Promise<void> {
  const row = await db.selectFrom('authLockouts').select('lockedUntil').where('phone', '=', phone).executeTakeFirst();
  if (row?.lockedUntil && new Date(row.lockedUntil) > now) {
    const seconds = (new Date(row.lockedUntil).getTime() - now.getTime()) / 1000;
    throw fail.tooManyRequests('Too many wrong codes. Try again later.', seconds);
  }
}

/** Counts a wrong code; the fifth within a lockout period locks the number. */
export async function recordWrongCode(db: Kysely<Database>, phone: string, now: Date): Promise<void> {
  const lockUntil = new Date(now.getTime() + LOCKOUT_SECONDS * 1000);
  await db
    .insertInto('authLockouts')
    .values({ phone, failedAttempts: 1, lockedUntil: null, updatedAt: now })
    .onConflict((oc) =>
      oc.column('phone').doUpdateSet({
        // An expired lock starts a fresh count.
        failedAttempts: sql`case when auth_lockouts.locked_until is not null and auth_lockouts.locked_until <= ${now} then 1 else auth_lockouts.failed_attempts + 1 end`,
        lockedUntil: sql`case when auth_lockouts.locked_until is not null and auth_lockouts.locked_until <= ${now} then null
          when auth_lockouts.failed_attempts + 1 >= ${MAX_WRONG_CODES} then ${lockUntil}::timestamptz else null end`,
        updatedAt: now,
      }),
    )
    .execute();
}

export async function clearWrongCodes(db: Kysely<Database>, phone: string): Promise<void> {
  await db.deleteFrom('authLockouts').where('phone', '=', phone).execute();
}
