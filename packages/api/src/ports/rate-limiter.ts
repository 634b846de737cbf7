import type { RateLimitResult, RateLimitRule } from '../lib/rate-limit.js';

/**
 * Counts hits against limits: a hit is allowed when fewer than `rule.limit` allowed hits fall
 * in the last `rule.windowSeconds` (refused hits are not counted). Where the counts live decides
 * who shares them: the database or Redis (every process), or this process's memory.
 */
export interface RateLimiter {
  hit(key: string, rule: RateLimitRule, now: Date): Promise<RateLimitResult>;
}

/** The limits the domain asks for, by how they are used. */
export interface RateLimiters {
  /** Sign-in codes and refreshes: rare, and they must hold across processes and restarts. */
  durable: RateLimiter;
  /** Sends, typing, uploads: many per second, so never a database row each. */
  fast: RateLimiter;
}
