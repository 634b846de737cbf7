import type { Deps } from '../deps.js';
import { transact } from '../lib/transact.js';
import { channels } from '../ports/event-bus.js';

/** Ends a session: its refresh token stops working and its open sockets are closed. */
export async function endSession(deps: Deps, userId: string, sessionId: string, reason: string): Promise<boolean> {
  const now = deps.clock.now();
  const ended = await transact(deps, async (trx, emit) => {
    const result = await trx.updateTable('sessions').set({ revokedAt: now }).where('id', '=', sessionId).where('userId', '=', userId).where('revokedAt', 'is', null).executeTakeFirst();
    const changed = result.numUpdatedRows > 0n;
    if (changed) emit([userId], { type: 'session.revoked', sessionId });
    return changed;
  });
  if (ended) {
    await deps.bus.publish(channels.session(sessionId), { type: 'session.revoked', sessionId });
    deps.log.info({ event: 'auth.session_ended', userId, sessionId, reason }, 'session ended');
  }
  return ended;
}
