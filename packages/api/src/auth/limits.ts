import type { RateLimitRule } from '../lib/rate-limit.js';

export const CODE_TTL_SECONDS = 10 * 60;
export const MAX_WRONG_CODES = 5;
export const LOCKOUT_SECONDS = 15 * 60;
/** Five codes per number per 10 minutes: the sixth is refused before any provider is called. */
export const CODE_REQUESTS_PER_NUMBER: RateLimitRule = { limit: 5, windowSeconds: 10 * 60 };
export const REFRESHES_PER_SESSION: RateLimitRule = { limit: 60, windowSeconds: 60 * 60 };
