import type { Deps } from '../deps.js';
import { endSession } from './revoke.js';
import { idleCutoff } from './session-expiry.js';

const BATCH = 200;

/**
 * Ends every session unused for the idle period, as a logout would: other devices hear
 * `session.revoked` and the session's open sockets close. Refresh refuses such a session by
 * itself; this is for the ones nobody refreshes, and above all for a socket opened long ago
 * (its access token was checked once, at connect). Safe in several processes at once: each end
 * is conditional, so a session is ended (and announced) once, and one that refreshed after it
 * was picked is left alone.
 */
export async function expireIdleSessions(deps: Deps): Promise<number> {
  let expired = 0;
  for (;;) {
    const cutoff = idleCutoff(deps.auth, deps.clock.now());
    const idle = await deps.db
      .selectFrom('sessions')
      .select(['id', 'userId'])
      .where('revokedAt', 'is', null)
      .where('lastUsedAt', '<=', cutoff)
      .orderBy('lastUsedAt')
      .limit(BATCH)
      .execute();
    let ended = 0;
    for (const session of idle) {
      if (await endSession(deps, session.userId, session.id, 'idle', { unusedSince: cutoff })) ended += 1;
    }
    expired += ended;
    // A short batch was the last; a batch ended by someone else means another process is on it.
    if (idle.length < BATCH || ended === 0) return expired;
  }
}
