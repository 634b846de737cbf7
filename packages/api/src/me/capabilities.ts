import { isModerator } from '../moderation/moderator.js';
import type { AuthedContext } from '../trpc.js';

/** What the apps may offer this person beyond the ordinary (the moderation page). */
export async function capabilities(ctx: AuthedContext) {
  return { moderator: await isModerator(ctx.deps, ctx.user.id) };
}
