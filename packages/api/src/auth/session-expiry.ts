import type { Session } from '@confab/db';
import type { AuthSettings } from '../deps.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export const SESSION_ENDED_MESSAGE = 'This session has ended. Sign in again.';
export const SESSION_EXPIRED_MESSAGE = 'This session has expired. Sign in again.';

/*
 * Idle expiry, and why there is no absolute lifetime.
 *
 * A session is "used" when it refreshes (or signs in): lastUsedAt. An app in use refreshes at
 * least every access-token lifetime (15 min) or when it reconnects, so a session idle for
 * SESSION_IDLE_DAYS (default 30, as Signal unlinks devices; WhatsApp's 14 days is counted from
 * the *phone's* activity, which Confab's standalone devices do not have) belongs to a device
 * nobody opens — a forgotten laptop, a sold phone — and its refresh token is only worth
 * something to whoever copied it. Access tokens live minutes, so a valid one always belongs to a
 * session used within the idle period: only refresh (and the housekeeping sweep, for sockets
 * opened long ago) need to check.
 *
 * No absolute lifetime: a device in daily use would be signed out every N days and have to
 * receive an SMS code again (cost, friction, and an SMS is a weaker factor than the device
 * itself), which WhatsApp and Signal never do to linked devices. What an absolute limit would
 * buy — ending a session whose token was copied and is being kept alive — is already covered:
 * refresh tokens rotate on every use, so the copy and the real device race, and the loser's
 * replay revokes the session (reuse detection; spent tokens are kept for the idle period,
 * long enough for the real device to come back while it would still be signed in).
 */

/** Sessions last used at or before this moment have expired. */
export function idleCutoff(settings: AuthSettings, now: Date): Date {
  return new Date(now.getTime() - settings.sessionIdleDays * DAY_MS);
}

export function hasIdledOut(session: Pick<Session, 'lastUsedAt'>, settings: AuthSettings, now: Date): boolean {
  return new Date(session.lastUsedAt) <= idleCutoff(settings, now);
}

/**
 * What a device presenting the refresh token of a session that is over is told. One that was
 * unused for the whole idle period when it ended expired (whether the sweep, a refresh or the
 * user ended it); any other was ended on purpose (logout, revoked elsewhere, token reuse).
 */
export function endedSessionMessage(session: Pick<Session, 'lastUsedAt' | 'revokedAt'>, settings: AuthSettings): string {
  if (session.revokedAt && hasIdledOut(session, settings, new Date(session.revokedAt))) return SESSION_EXPIRED_MESSAGE;
  return SESSION_ENDED_MESSAGE;
}
