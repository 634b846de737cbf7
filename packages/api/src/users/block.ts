import { z } from 'zod';
import { fail } from '../errors.js';
import type { AuthedContext } from '../trpc.js';
import { withVisibleUsers } from './profile-privacy.js';
import { toUserView } from './user-view.js';
import { loadUser } from './users.repo.js';
import { id } from '../lib/schemas.js';

export const blockInput = z.object({ userId: id }).strict();

/** Blocked users cannot message each other either way (messages.send checks the blocks table). */
export async function block(ctx: AuthedContext, input: z.infer<typeof blockInput>) {
  const { db, clock } = ctx.deps;
  const me = ctx.user.id;
  if (input.userId === me) throw fail.badRequest('You cannot block yourself');
  const user = await loadUser(db, input.userId);
  await db
    .insertInto('blocks')
    .values({ blockerId: me, blockedId: user.id, createdAt: clock.now() })
    .onConflict((oc) => oc.columns(['blockerId', 'blockedId']).doNothing())
    .execute();
  return { ok: true as const };
}

export async function unblock(ctx: AuthedContext, input: z.infer<typeof blockInput>) {
  await ctx.deps.db.deleteFrom('blocks').where('blockerId', '=', ctx.user.id).where('blockedId', '=', input.userId).execute();
  return { ok: true as const };
}

/** Everyone the caller blocked, newest first. */
export async function blocked(ctx: AuthedContext) {
  const rows = await ctx.deps.db
    .selectFrom('blocks as b')
    .innerJoin('users as u', 'u.id', 'b.blockedId')
    .selectAll('u')
    .select('b.createdAt as blockedAt')
    .where('b.blockerId', '=', ctx.user.id)
    .orderBy('b.createdAt', 'desc')
    .execute();
  return withVisibleUsers(ctx.deps.db, ctx.user.id, rows.map(({ blockedAt, ...user }) => ({ user: toUserView(user), blockedAt: new Date(blockedAt).toISOString() })));
}
