import { z } from 'zod';
import { fail } from '../errors.js';
import { id } from '../lib/schemas.js';
import { transact } from '../lib/transact.js';
import type { AuthedContext } from '../trpc.js';
import { unreadCount } from './notify.js';

export const markReadInput = z.object({ ids: z.array(id).min(1).max(500) }).strict();
export const notificationIdInput = z.object({ id }).strict();

/** Marks some of my notifications read (ids that are not mine are ignored); my devices hear it. */
export async function markRead(ctx: AuthedContext, input: z.infer<typeof markReadInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  return transact(deps, async (trx, emit) => {
    const changed = await trx
      .updateTable('notifications')
      .set({ readAt: deps.clock.now() })
      .where('userId', '=', me)
      .where('id', 'in', input.ids)
      .where('readAt', 'is', null)
      .returning('id')
      .execute();
    const unread = await unreadCount(trx, me);
    if (changed.length > 0) emit([me], { type: 'notification', action: 'read', ids: changed.map((r) => r.id), unread });
    return { unread };
  });
}

export async function markAllRead(ctx: AuthedContext) {
  const { deps } = ctx;
  const me = ctx.user.id;
  return transact(deps, async (trx, emit) => {
    const changed = await trx.updateTable('notifications').set({ readAt: deps.clock.now() }).where('userId', '=', me).where('readAt', 'is', null).returning('id').execute();
    if (changed.length > 0) emit([me], { type: 'notification', action: 'read', ids: changed.map((r) => r.id), unread: 0 });
    return { unread: 0 };
  });
}

/** Removes one of my notifications; anyone else's is NOT_FOUND. */
export async function deleteNotification(ctx: AuthedContext, input: z.infer<typeof notificationIdInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  return transact(deps, async (trx, emit) => {
    const removed = await trx.deleteFrom('notifications').where('id', '=', input.id).where('userId', '=', me).returning('id').executeTakeFirst();
    if (!removed) throw fail.notFound('Notification');
    const unread = await unreadCount(trx, me);
    emit([me], { type: 'notification', action: 'deleted', ids: [removed.id], unread });
    return { unread };
  });
}
