import type { RateLimiter } from '../ports/rate-limiter.js';
import type { RateLimitResult, RateLimitRule } from './rate-limit.js';

/** Every so many hits, keys whose newest hit has left every window are forgotten. */
const SWEEP_EVERY = 10_000;

/**
 * The sliding window of lib/rate-limit.ts in this process's memory: for the hot per-user limits
 * of a single process (with REDIS_URL, processes share theirs in Redis). One timestamp per
 * allowed hit, at most `limit` per key.
 */
export class MemoryRateLimiter implements RateLimiter {
  private readonly hits = new Map<string, { times: number[]; windowMs: number }>();
  private sinceSweep = 0;

  hit(key: string, rule: RateLimitRule, now: Date): Promise<RateLimitResult> {
    const at = now.getTime();
    const windowMs = rule.windowSeconds * 1000;
    if (++this.sinceSweep >= SWEEP_EVERY) this.sweep(at);
    let entry = this.hits.get(key);
    if (!entry) {
      entry = { times: [], windowMs };
      this.hits.set(key, entry);
    }
    const times = entry.times.filter((t) => t > at - windowMs);
    entry.times = times;
    if (times.length >= rule.limit) {
      const oldest = times[times.length - rule.limit]!;
      return Promise.resolve({ allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - at) / 1000)) });
    }
    times.push(at);
    return Promise.resolve({ allowed: true, retryAfterSeconds: 0 });
  }

  private sweep(at: number): void {
    this.sinceSweep = 0;
    for (const [key, entry] of this.hits) if ((entry.times.at(-1) ?? 0) <= at - entry.windowMs) this.hits.delete(key);
  }
}
