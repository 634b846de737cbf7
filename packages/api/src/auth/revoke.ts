import type { Deps } from '../deps.js';
import { transact } from '../lib/transact.js';
import { channels } from '../ports/event-bus.js';

export interface EndSessionOptions {
  /**
   * End it only if it was last used at or before this moment: an idle sweep must not end a
   * session that refreshed since the sweep picked it.
   */
  unusedSince?: Date;
}

/** Ends a session: its refresh token stops working and its open sockets are closed. */
export async function endSession(deps: Deps, userId: string, sessionId: string, reason: string, options: EndSessionOptions = {}): Promise<boolean> {
  const now = deps.clock.now();
  const ended = await transact(deps, async (trx, emit) => {
    let update = trx.updateTable('sessions').set({ revokedAt: now }).where('id', '=', sessionId).where('userId', '=', userId).where('revokedAt', 'is', null);
    if (options.unusedSince) update = update.where('lastUsedAt', '<=', options.unusedSince);
    const result = await update.executeTakeFirst();
    const changed = result.numUpdatedRows > 0n;
    if (!changed) return false;
    emit([userId], { type: 'session.revoked', sessionId });
    // An ended session's push devices go with it: nothing is pushed to them any more, so they
    // must not linger in the device list (a browser that signed out offline never removed its own).
    const devices = await trx.deleteFrom('devices').where('sessionId', '=', sessionId).returning('id').execute();
    for (const device of devices) emit([userId], { type: 'device.removed', deviceId: device.id });
    return true;
  });
  if (ended) {
    // Committed: the session is over whether or not the wake-up goes out. A socket that misses
    // it is refused on its next call and closed when its sign-in expires (ws/socket-sign-in.ts).
    await deps.bus.publish(channels.session(sessionId), { type: 'session.revoked', sessionId }).catch((error: unknown) => {
      deps.log.warn({ err: error, sessionId }, 'could not tell sockets the session ended; they find out on their next call');
    });
    deps.log.info({ event: 'auth.session_ended', userId, sessionId, reason }, 'session ended');
  }
  return ended;
}
