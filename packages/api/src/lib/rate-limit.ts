import type { Database } from '@confab/db';
import { sql, type Kysely } from 'kysely';
import type { RateLimiter } from '../ports/rate-limiter.js';

export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

export interface RateLimitResult {
  allowed: boolean;
  /** When a refused caller may try again (0 when allowed). */
  retryAfterSeconds: number;
}

/** Hits older than this are swept by any caller; no rule may have a longer window. */
export const MAX_WINDOW_SECONDS = 24 * 60 * 60;

/**
 * A sliding-window limit kept in the database, so every server process shares it: a hit is
 * allowed when fewer than `limit` allowed hits fall in the last `windowSeconds`, at any moment —
 * there is no window edge where twice the limit gets through. Refused hits are not stored, so
 * hammering does not push the retry time out. Meant for low rates (sign-in codes, refreshes):
 * it keeps one row per allowed hit.
 */
export async function hitRateLimit(db: Kysely<Database>, key: string, rule: RateLimitRule, now: Date): Promise<RateLimitResult> {
  if (rule.windowSeconds > MAX_WINDOW_SECONDS) throw new Error(`rate limit windows are at most ${MAX_WINDOW_SECONDS} s`);
  const windowStart = new Date(now.getTime() - rule.windowSeconds * 1000);
  return db.transaction().execute(async (trx) => {
    // One caller per key at a time, so two parallel hits cannot both take the last slot.
    await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
    await trx.deleteFrom('rateLimitHits').where('hitAt', '<=', new Date(now.getTime() - MAX_WINDOW_SECONDS * 1000)).execute();
    const recent = await trx
      .selectFrom('rateLimitHits')
      .select('hitAt')
      .where('key', '=', key)
      .where('hitAt', '>', windowStart)
      .orderBy('hitAt', 'desc')
      .limit(rule.limit)
      .execute();
    if (recent.length >= rule.limit) {
      // The oldest of the last `limit` hits leaving the window frees a slot.
      const oldest = new Date(recent[recent.length - 1]!.hitAt).getTime();
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + rule.windowSeconds * 1000 - now.getTime()) / 1000)) };
    }
    await trx.insertInto('rateLimitHits').values({ key, hitAt: now }).execute();
    return { allowed: true, retryAfterSeconds: 0 };
  });
}

/** `hitRateLimit` as a RateLimiter: limits kept in the database (without Redis, the durable ones). */
export const databaseRateLimiter = (db: Kysely<Database>): RateLimiter => ({ hit: (key, rule, now) => hitRateLimit(db, key, rule, now) });
