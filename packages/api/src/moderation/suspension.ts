import { endSession } from '../auth/revoke.js';
import type { Deps } from '../deps.js';
import { channels } from '../ports/event-bus.js';

export const SUSPENDED_MESSAGE = 'This account is suspended for breaking Confab’s rules. Contact support if you think this is a mistake.';

/**
 * Tells the user's open apps they were suspended, just before their sessions end, so they show
 * why instead of a plain "signed out" (the bus keeps the order: this, then the sockets close).
 */
export async function tellSuspended(deps: Deps, userId: string): Promise<void> {
  await deps.bus.publish(channels.user(userId), { kind: 'ephemeral', event: { type: 'account.suspended', message: SUSPENDED_MESSAGE } }).catch((error: unknown) => {
    deps.log.warn({ err: error, userId }, 'could not tell the suspended user why; their sessions end anyway');
  });
}

/**
 * Ends every session of a user who was just suspended: refresh tokens stop working, access
 * tokens are refused on the next call, and open sockets close at once (the bus tells them).
 */
export async function endEverySession(deps: Deps, userId: string, reason: string): Promise<number> {
  const sessions = await deps.db.selectFrom('sessions').select('id').where('userId', '=', userId).where('revokedAt', 'is', null).execute();
  let ended = 0;
  for (const session of sessions) if (await endSession(deps, userId, session.id, reason)) ended += 1;
  return ended;
}
