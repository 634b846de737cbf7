import { z } from 'zod';
import { fail } from '../errors.js';
import { id } from '../lib/schemas.js';
import type { AuthedContext } from '../trpc.js';

export const liftSuspensionInput = z.object({ userId: id }).strict();

/**
 * Undoes a suspension (an appeal upheld, a mistake): the person can sign in again with their
 * number; their chats and contacts are as they left them. Sessions ended by the suspension stay
 * ended. Idempotent; a deleted or unknown account is NOT_FOUND.
 */
export async function liftSuspension(ctx: AuthedContext, input: z.infer<typeof liftSuspensionInput>) {
  const { deps } = ctx;
  const user = await deps.db.selectFrom('users').select(['id', 'suspendedAt']).where('id', '=', input.userId).where('deletedAt', 'is', null).executeTakeFirst();
  if (!user) throw fail.notFound('User');
  if (user.suspendedAt !== null) {
    await deps.db.updateTable('users').set({ suspendedAt: null }).where('id', '=', user.id).execute();
    deps.log.info({ event: 'moderation.unsuspended', userId: user.id, moderatorId: ctx.user.id }, 'suspension lifted');
  }
  return { userId: user.id, suspended: false as const };
}
