import type { Database } from '@confab/db';
import { sql, type Kysely } from 'kysely';

export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

export interface RateLimitResult {
  allowed: boolean;
  retryAfterSeconds: number;
}

/**
 * A fixed-window counter in the database, so every server process shares it. One statement:
 * the window restarts when it has passed, otherwise the count goes up.
 */
export async function hitRateLimit(db: Kysely<Database>, key: string, rule: RateLimitRule, now: Date): Promise<RateLimitResult> {
  const windowStartFloor = new Date(now.getTime() - rule.windowSeconds * 1000);
  const row = await db
    .insertInto('rateLimits')
    .values({ key, windowStart: now, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql`case when rate_limits.window_start <= ${windowStartFloor} then 1 else rate_limits.count + 1 end`,
        windowStart: sql`case when rate_limits.window_start <= ${windowStartFloor} then ${now}::timestamptz else rate_limits.window_start end`,
      }),
    )
    .returning(['count', 'windowStart'])
    .executeTakeFirstOrThrow();
  const windowEnds = new Date(row.windowStart).getTime() + rule.windowSeconds * 1000;
  return { allowed: row.count <= rule.limit, retryAfterSeconds: Math.max(1, Math.ceil((windowEnds - now.getTime()) / 1000)) };
}
