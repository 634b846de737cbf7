import { z } from 'zod';
import { fail } from '../errors.js';
import { id } from '../lib/schemas.js';
import { transact } from '../lib/transact.js';
import { transactContactChange } from './contact-change.js';
import type { AuthedContext } from '../trpc.js';
import { loadLiveUser } from '../users/users.repo.js';
import { findRequest, hasBlocked, makeFriends, visibleRequestView } from './friend-requests.repo.js';
import type { friendInput } from './request-friend.js';

export const respondInput = z.object({ userId: id, accept: z.boolean() }).strict();

/** Accepting makes both contacts; declining drops the request (the requester sees it go). */
export async function respondToRequest(ctx: AuthedContext, input: z.infer<typeof respondInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  const request = await findRequest(deps.db, input.userId, me);
  // A request from someone I blocked is not shown to me, so there is nothing to answer.
  if (!request || (await hasBlocked(deps.db, me, input.userId))) throw fail.notFound('Friend request');
  const [requester, self] = await Promise.all([loadLiveUser(deps.db, input.userId), loadLiveUser(deps.db, me)]);
  const now = deps.clock.now();
  // Accepting makes each the other's contact.
  const friends = input.accept ? [{ owner: me, viewer: requester.id }, { owner: requester.id, viewer: me }] : [];
  return transactContactChange(deps, friends, async (trx, emit) => {
    if (input.accept) {
      await makeFriends(trx, emit, self, requester, request.createdAt, now);
      return { status: 'contacts' as const };
    }
    const gone = await trx.deleteFrom('friendRequests').where('fromId', '=', requester.id).where('toId', '=', me).executeTakeFirst();
    if (gone.numDeletedRows > 0n) {
      emit([me], { type: 'contact.request', state: 'declined', request: await visibleRequestView(trx, me, requester, 'incoming', request.createdAt) });
      emit([requester.id], { type: 'contact.request', state: 'declined', request: await visibleRequestView(trx, requester.id, self, 'outgoing', request.createdAt) });
    }
    return { status: 'declined' as const };
  });
}

/** Withdraws my request; idempotent. Someone who blocked me hears nothing, as they saw nothing. */
export async function cancelRequest(ctx: AuthedContext, input: z.infer<typeof friendInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  const request = await findRequest(deps.db, me, input.userId);
  if (!request) return { cancelled: false };
  const [other, self] = await Promise.all([loadLiveUser(deps.db, input.userId), loadLiveUser(deps.db, me)]);
  return transact(deps, async (trx, emit) => {
    const gone = await trx.deleteFrom('friendRequests').where('fromId', '=', me).where('toId', '=', other.id).executeTakeFirst();
    if (gone.numDeletedRows === 0n) return { cancelled: false };
    emit([me], { type: 'contact.request', state: 'cancelled', request: await visibleRequestView(trx, me, other, 'outgoing', request.createdAt) });
    if (!(await hasBlocked(trx, other.id, me))) emit([other.id], { type: 'contact.request', state: 'cancelled', request: await visibleRequestView(trx, other.id, self, 'incoming', request.createdAt) });
    return { cancelled: true };
  });
}
