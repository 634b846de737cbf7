import { z } from 'zod';
import type { AuthedContext } from '../trpc.js';
import { visibleProfile } from './profile-privacy.js';
import { toUserView, withoutPhone } from './user-view.js';
import { hasContact, loadUser, shareAChat } from './users.repo.js';
import { id } from '../lib/schemas.js';

export const userIdInput = z.object({ userId: id }).strict();

/**
 * Anyone's public profile by id (ids are unguessable). Deleted accounts answer with
 * `deleted: true` and "Deleted account", so old messages stay labelled. The phone number is
 * shown only to people tied to the user: a shared chat or a contact entry; photo and about as
 * the user's privacy settings allow.
 */
export async function getUser(ctx: AuthedContext, input: z.infer<typeof userIdInput>) {
  const { db } = ctx.deps;
  const me = ctx.user.id;
  const user = await loadUser(db, input.userId);
  if (user.id === me) return toUserView(user);
  const view = await visibleProfile(db, me, toUserView(user));
  const tied = (await hasContact(db, me, user.id)) || (await shareAChat(db, me, user.id));
  return tied ? view : withoutPhone(view);
}
