import type { z } from 'zod';
import type { AuthedContext } from '../trpc.js';
import { changeGroup } from './change-group.js';
import { requireOwner } from './group-access.js';
import type { chatIdOnly } from './group-inputs.js';

/**
 * The owner deletes the group. Members keep their history, read-only, ending with a "deleted
 * the group" notice; sends, joins and every change are refused from then on.
 */
export async function deleteGroup(ctx: AuthedContext, input: z.infer<typeof chatIdOnly>) {
  const now = ctx.deps.clock.now();
  await changeGroup(ctx, input.chatId, {
    authorize: (_chat, caller) => requireOwner(caller, 'delete the group'),
    apply: async (trx, chat) => {
      await trx.updateTable('chats').set({ deletedAt: now }).where('id', '=', chat.id).execute();
      await trx.updateTable('groupInviteLinks').set({ revokedAt: now }).where('chatId', '=', chat.id).where('revokedAt', 'is', null).execute();
      return [{ action: 'deleted' }];
    },
  });
  return { ok: true as const };
}
