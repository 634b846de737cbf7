import { z } from 'zod';
import { isBlockedEitherWay } from '../chats/membership.js';
import { allows } from '../settings/privacy.js';
import type { AuthedContext } from '../trpc.js';
import { loadUser } from '../users/users.repo.js';
import { presenceTracker } from './tracker.js';
import { id } from '../lib/schemas.js';

export const presenceInput = z.object({ userId: id }).strict();

/**
 * Whether a user is online now and when they were last seen, as far as their "last seen"
 * setting lets the caller know ('nobody': hidden from all; 'contacts': only people in their
 * contacts). Blocking, either way, hides it too. Hidden looks like `{online: false,
 * lastSeenAt: null, hidden: true}`.
 */
export async function getPresence(ctx: AuthedContext, input: z.infer<typeof presenceInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  const user = await loadUser(deps.db, input.userId);
  const hidden =
    user.deletedAt !== null || (user.id !== me && (!(await allows(deps.db, user.id, me, 'lastSeen')) || (await isBlockedEitherWay(deps.db, me, user.id))));
  if (hidden) return { userId: user.id, online: false, lastSeenAt: null, hidden: true };
  const online = await presenceTracker(deps).isOnline(user.id);
  return { userId: user.id, online, lastSeenAt: user.lastSeenAt ? new Date(user.lastSeenAt).toISOString() : null, hidden: false };
}
