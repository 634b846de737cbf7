import type { Deps } from '../deps.js';
import { publishPresence } from './announce.js';
import { presenceTracker } from './tracker.js';

/**
 * After a change of "last seen" privacy (audiences from `presenceAudience` before and after
 * it): people who may no longer see it get `hidden: true` and lose what their screen showed;
 * people newly allowed get the user's presence as it is now. Neither has to ask again.
 */
export async function tellLastSeenAudienceChange(deps: Deps, userId: string, before: ReadonlySet<string>, after: ReadonlySet<string>): Promise<void> {
  const lost = [...before].filter((id) => !after.has(id));
  const gained = [...after].filter((id) => !before.has(id));
  if (lost.length > 0) await publishPresence(deps, lost, { type: 'presence', userId, online: false, lastSeenAt: null, hidden: true });
  if (gained.length === 0) return;
  const [online, user] = await Promise.all([presenceTracker(deps).isOnline(userId), deps.db.selectFrom('users').select('lastSeenAt').where('id', '=', userId).executeTakeFirst()]);
  const lastSeenAt = !online && user?.lastSeenAt ? new Date(user.lastSeenAt).toISOString() : null;
  await publishPresence(deps, gained, { type: 'presence', userId, online, lastSeenAt, hidden: false });
}
