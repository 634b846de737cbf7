import { randomBytes } from 'node:crypto';
import type { RateLimiter, RateLimitResult, RateLimitRule } from '@confab/api';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * The sliding window of lib/rate-limit.ts as one Redis script: a sorted set of allowed hits per
 * key, trimmed to the window, so it is atomic however many processes hit the same key.
 * Returns {1, 0} when allowed, else {0, the oldest counted hit's time}.
 */
const SLIDING_WINDOW = `
local key, now, window, limit = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
if redis.call('ZCARD', key) >= limit then
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  return {0, tonumber(oldest[2])}
end
redis.call('ZADD', key, now, ARGV[4])
redis.call('PEXPIRE', key, window)
return {1, 0}
`;

/**
 * Rate limits shared by every process of a cluster (REDIS_URL). While Redis cannot be reached
 * a hit is counted by `fallback` (the database, or this process's memory) rather than refused
 * or let through uncounted.
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly fallback: RateLimiter,
    private readonly log: Logger,
  ) {
    // No offline queue: a hit while Redis is away goes to the fallback at once instead of waiting.
    this.redis = new Redis(url, { lazyConnect: false, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.redis.on('error', (err) => log.debug({ err }, 'redis rate limiter connection error'));
  }

  async hit(key: string, rule: RateLimitRule, now: Date): Promise<RateLimitResult> {
    const at = now.getTime();
    const windowMs = rule.windowSeconds * 1000;
    try {
      const [allowed, oldest] = (await this.redis.eval(SLIDING_WINDOW, 1, `ratelimit:${key}`, at, windowMs, rule.limit, `${at}:${randomBytes(6).toString('hex')}`)) as [number, number];
      if (allowed === 1) return { allowed: true, retryAfterSeconds: 0 };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - at) / 1000)) };
    } catch (error) {
      this.log.warn({ err: error }, 'rate limit not counted in Redis; counted locally meanwhile');
      return this.fallback.hit(key, rule, now);
    }
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}
