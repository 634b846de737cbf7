import { z } from 'zod';
import type { AuthedContext } from '../trpc.js';
import { toUserView, withoutPhone } from './user-view.js';
import { hasContact, loadUser, shareAChat } from './users.repo.js';
import { id } from '../lib/schemas.js';

export const userIdInput = z.object({ userId: id }).strict();

/**
 * Anyone's public profile by id (ids are unguessable). Deleted accounts answer with
 * `deleted: true` and "Deleted account", so old messages stay labelled. The phone number is
 * shown only to people tied to the user: a shared chat or a contact entry.
 */
export async function getUser(ctx: AuthedContext, input: z.infer<typeof userIdInput>) {
  const { db } = ctx.deps;
  const me = ctx.user.id;
  const user = await loadUser(db, input.userId);
  const view = toUserView(user);
  if (user.id === me) return view;
  const tied = (await hasContact(db, me, user.id)) || (await shareAChat(db, me, user.id));
  return tied ? view : withoutPhone(view);
}
