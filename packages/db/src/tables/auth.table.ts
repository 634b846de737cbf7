import type { Selectable } from 'kysely';
import type { Timestamp } from './user.table.js';

/** One signed-in device. The current refresh token is stored only as a hash. */
export interface SessionTable {
  id: string;
  userId: string;
  deviceName: string;
  refreshHash: string;
  createdAt: Timestamp;
  lastUsedAt: Timestamp;
  revokedAt: Timestamp | null;
}
export type Session = Selectable<SessionTable>;

/** Refresh tokens already rotated away: presenting one again means it was stolen. */
export interface SpentRefreshTokenTable {
  hash: string;
  sessionId: string;
  spentAt: Timestamp;
}

/** Codes issued by the console provider (Twilio keeps its own). */
export interface OtpCodeTable {
  phone: string;
  codeHash: string;
  expiresAt: Timestamp;
  createdAt: Timestamp;
}

/** Wrong-code counting and lockout, whichever provider checks the code. */
export interface AuthLockoutTable {
  phone: string;
  failedAttempts: number;
  lockedUntil: Timestamp | null;
  updatedAt: Timestamp;
}

/** Fixed-window counters shared by every server process. */
export interface RateLimitTable {
  key: string;
  windowStart: Timestamp;
  count: number;
}

/** One allowed hit of a sliding-window limit (see lib/rate-limit.ts in the API). */
export interface RateLimitHitTable {
  key: string;
  hitAt: Timestamp;
}

/** This file's tables, by the name queries use (part of `Database`). */
export interface AuthTables {
  sessions: SessionTable;
  spentRefreshTokens: SpentRefreshTokenTable;
  otpCodes: OtpCodeTable;
  authLockouts: AuthLockoutTable;
  rateLimits: RateLimitTable;
  rateLimitHits: RateLimitHitTable;
}
