import type { Database } from '@confab/db';
import type { Kysely } from 'kysely';
import type { Deps } from '../deps.js';
import { fail } from '../errors.js';
import { authedProcedure } from '../trpc.js';

/** A moderator: `role` set by the admin command, or a number listed in MODERATOR_PHONES. */
export async function isModerator(deps: Pick<Deps, 'auth'> & { db: Kysely<Database> }, userId: string): Promise<boolean> {
  const user = await deps.db.selectFrom('users').select(['role', 'phone', 'deletedAt', 'suspendedAt']).where('id', '=', userId).executeTakeFirst();
  if (!user || user.deletedAt !== null || user.suspendedAt !== null) return false;
  return user.role === 'moderator' || (user.phone !== null && (deps.auth.moderatorPhones?.has(user.phone) ?? false));
}

/** Every `moderation.*` procedure: anyone else is FORBIDDEN. */
export const moderatorProcedure = authedProcedure.use(async ({ ctx, next }) => {
  if (!(await isModerator(ctx.deps, ctx.user.id))) throw fail.forbidden('Only moderators can do this');
  return next();
});
