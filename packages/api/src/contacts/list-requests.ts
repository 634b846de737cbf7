import type { AuthedContext } from '../trpc.js';
import { withVisibleUsers } from '../users/profile-privacy.js';
import { requestRows, requestView } from './friend-requests.repo.js';

/** Friend requests waiting for me, and mine waiting for others. */
export async function listRequests(ctx: AuthedContext) {
  const { db } = ctx.deps;
  const [incoming, outgoing] = await Promise.all([requestRows(db, ctx.user.id, 'incoming'), requestRows(db, ctx.user.id, 'outgoing')]);
  return {
    incoming: await withVisibleUsers(db, ctx.user.id, incoming.map(({ requestedAt, ...user }) => requestView(user, 'incoming', requestedAt))),
    outgoing: await withVisibleUsers(db, ctx.user.id, outgoing.map(({ requestedAt, ...user }) => requestView(user, 'outgoing', requestedAt))),
  };
}
