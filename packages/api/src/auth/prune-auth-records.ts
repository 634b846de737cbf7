import type { Database } from '@confab/db';
import { sql, type Kysely } from 'kysely';
import type { Deps } from '../deps.js';
import { MAX_WINDOW_SECONDS } from '../lib/rate-limit.js';
import { LOCKOUT_SECONDS } from './limits.js';
import { idleCutoff } from './session-expiry.js';

const BATCH = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface PrunedAuthRecords {
  spentRefreshTokens: number;
  endedSessions: number;
  otpCodes: number;
  lockouts: number;
  rateLimitHits: number;
}

/**
 * Deletes auth rows nothing needs any more, which otherwise grow with every refresh, code
 * request and sign-in:
 * - spent refresh tokens of sessions that are over: replaying one is refused whether or not it
 *   is remembered, and there is no live session left to protect;
 * - spent refresh tokens of live sessions once older than the idle period. Reuse detection needs
 *   a spent token for as long as the device it was copied from could come back still signed in:
 *   that device last used it at or before it was spent, so after the idle period it would have
 *   expired anyway (and a replay is still refused, only no longer revokes);
 * - sessions ended more than ENDED_SESSION_RETENTION_DAYS ago;
 * - expired one-time codes, wrong-code counts that no longer count (lockout.ts would start them
 *   afresh), and rate-limit hits older than the longest window.
 *
 * Each step deletes in bounded batches, one statement each, and re-checks its condition as it
 * deletes, so several server processes may run it at once: they just share the work.
 */
export async function pruneAuthRecords(deps: Deps): Promise<PrunedAuthRecords> {
  const { db } = deps;
  const now = deps.clock.now();
  const spentBefore = idleCutoff(deps.auth, now);
  const endedBefore = new Date(now.getTime() - deps.auth.endedSessionRetentionDays * DAY_MS);
  const quietBefore = new Date(now.getTime() - LOCKOUT_SECONDS * 1000);
  const hitsBefore = new Date(now.getTime() - MAX_WINDOW_SECONDS * 1000);

  const ofEndedSessions = await inBatches(() =>
    db
      .deleteFrom('spentRefreshTokens')
      .where('hash', 'in', (eb) =>
        eb
          .selectFrom('spentRefreshTokens as spent')
          .innerJoin('sessions', 'sessions.id', 'spent.sessionId')
          .select('spent.hash')
          .where('sessions.revokedAt', 'is not', null)
          .limit(BATCH),
      )
      .executeTakeFirst(),
  );
  const pastIdle = await inBatches(() =>
    db
      .deleteFrom('spentRefreshTokens')
      .where('hash', 'in', (eb) => eb.selectFrom('spentRefreshTokens').select('hash').where('spentAt', '<=', spentBefore).limit(BATCH))
      .executeTakeFirst(),
  );
  // Their remaining spent tokens (none, after the first step) go with them by the foreign key.
  const endedSessions = await inBatches(() =>
    db
      .deleteFrom('sessions')
      .where('id', 'in', (eb) => eb.selectFrom('sessions').select('id').where('revokedAt', '<=', endedBefore).limit(BATCH))
      .executeTakeFirst(),
  );
  const otpCodes = await inBatches(() =>
    db
      .deleteFrom('otpCodes')
      .where('phone', 'in', (eb) => eb.selectFrom('otpCodes').select('phone').where('expiresAt', '<=', now).limit(BATCH))
      .where('expiresAt', '<=', now)
      .executeTakeFirst(),
  );
  // Quiet for a lockout period and not locked now: reserveCodeAttempt would reset it to a first try anyway.
  const lockouts = await inBatches(() =>
    db
      .deleteFrom('authLockouts')
      .where('phone', 'in', (eb) => eb.selectFrom('authLockouts').select('phone').where('updatedAt', '<=', quietBefore).limit(BATCH))
      .where('updatedAt', '<=', quietBefore)
      .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<=', now)]))
      .executeTakeFirst(),
  );
  const rateLimitHits = await deleteOldRateLimitHits(db, hitsBefore);

  return { spentRefreshTokens: ofEndedSessions + pastIdle, endedSessions, otpCodes, lockouts, rateLimitHits };
}

/** hitRateLimit sweeps these too, but only when someone hits a limit. The table has no key: rows go by ctid. */
function deleteOldRateLimitHits(db: Kysely<Database>, before: Date): Promise<number> {
  return inBatches(() =>
    db
      .deleteFrom('rateLimitHits')
      .where(sql<boolean>`ctid in (${db.selectFrom('rateLimitHits').select(sql`ctid`.as('ctid')).where('hitAt', '<=', before).limit(BATCH)})`)
      .executeTakeFirst(),
  );
}

/** Repeats a batch delete until a batch comes back short (the last one, or another process took the rest). */
async function inBatches(deleteBatch: () => Promise<{ numDeletedRows: bigint }>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = Number((await deleteBatch()).numDeletedRows);
    total += deleted;
    if (deleted < BATCH) return total;
  }
}
