import { z } from 'zod';
import { fail } from '../errors.js';
import { id } from '../lib/schemas.js';
import { transactContactChange } from './contact-change.js';
import type { AuthedContext } from '../trpc.js';
import { hasContact, loadLiveUser } from '../users/users.repo.js';
import { findRequest, hasBlocked, makeFriends, visibleRequestView } from './friend-requests.repo.js';

export const friendInput = z.object({ userId: id }).strict();
/** Requests are unsolicited messages of a kind; keep one account from spraying them. */
const REQUESTS_PER_HOUR = { limit: 50, windowSeconds: 60 * 60 };

/**
 * Asks someone to become mutual contacts. Asking someone who already asked me accepts theirs.
 * To someone who blocked me the request is stored and answered exactly as one that waits —
 * it just never reaches them.
 */
export async function requestFriend(ctx: AuthedContext, input: z.infer<typeof friendInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  if (input.userId === me) throw fail.badRequest('You cannot send yourself a friend request');
  const [other, self] = await Promise.all([loadLiveUser(deps.db, input.userId), loadLiveUser(deps.db, me)]);
  const limit = await deps.rateLimits.durable.hit(`contacts.request:${me}`, REQUESTS_PER_HOUR, deps.clock.now());
  if (!limit.allowed) throw fail.tooManyRequests('Too many friend requests; try again later', limit.retryAfterSeconds);

  const now = deps.clock.now();
  // Their request waiting for mine makes us contacts at once.
  const friends = [{ owner: me, viewer: other.id }, { owner: other.id, viewer: me }];
  return transactContactChange(deps, friends, async (trx, emit) => {
    if ((await hasContact(trx, me, other.id)) && (await hasContact(trx, other.id, me))) return { status: 'contacts' as const, request: null };
    const theirs = await findRequest(trx, other.id, me);
    if (theirs && !(await hasBlocked(trx, me, other.id))) {
      await makeFriends(trx, emit, self, other, theirs.createdAt, now);
      return { status: 'contacts' as const, request: null };
    }
    const inserted = await trx
      .insertInto('friendRequests')
      .values({ fromId: me, toId: other.id, createdAt: now })
      .onConflict((oc) => oc.columns(['fromId', 'toId']).doNothing())
      .returning('createdAt')
      .executeTakeFirst();
    const createdAt = inserted?.createdAt ?? (await findRequest(trx, me, other.id))!.createdAt;
    if (inserted) {
      emit([me], { type: 'contact.request', state: 'pending', request: await visibleRequestView(trx, me, other, 'outgoing', createdAt) });
      if (!(await hasBlocked(trx, other.id, me))) emit([other.id], { type: 'contact.request', state: 'pending', request: await visibleRequestView(trx, other.id, self, 'incoming', createdAt) });
    }
    return { status: 'pending' as const, request: await visibleRequestView(trx, me, other, 'outgoing', createdAt) };
  });
}
