import { z } from 'zod';
import { transact } from '../lib/transact.js';
import { fail } from '../errors.js';
import type { AuthedContext } from '../trpc.js';
import { id } from '../lib/schemas.js';
import { loadVisibleMessage } from './load-visible-message.js';

export const starInput = z.object({ messageId: id, starred: z.boolean() }).strict();

/**
 * Stars (bookmarks) a message for me alone, or takes the star back; idempotent. My other
 * devices hear of it (`message.starred`); nobody else does.
 */
export async function starMessage(ctx: AuthedContext, input: z.infer<typeof starInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  const now = deps.clock.now();
  const { message } = await loadVisibleMessage(deps.db, input.messageId, me, now);
  if (input.starred && message.deletedAt) throw fail.badRequest('A deleted message cannot be starred');
  if (input.starred && message.kind === 'system') throw fail.badRequest('Notices cannot be starred');
  await transact(deps, async (trx, emit) => {
    if (input.starred) {
      await trx.insertInto('starredMessages').values({ userId: me, messageId: message.id, starredAt: now }).onConflict((oc) => oc.doNothing()).execute();
    } else {
      await trx.deleteFrom('starredMessages').where('userId', '=', me).where('messageId', '=', message.id).execute();
    }
    emit([me], { type: 'message.starred', chatId: message.chatId, messageId: message.id, starred: input.starred });
  });
  return { ok: true as const };
}
