import type { z } from 'zod';
import type { AuthedContext } from '../trpc.js';
import { toUserView, withoutPhone } from '../users/user-view.js';
import type { storyIdInput } from './delete-story.js';
import { loadOwnStory } from './stories.repo.js';

/** Who viewed one of my live stories, each once, latest first, with when they first viewed it. */
export async function viewers(ctx: AuthedContext, input: z.infer<typeof storyIdInput>) {
  const { db, clock } = ctx.deps;
  const story = await loadOwnStory(db, input.storyId, ctx.user.id, clock.now());
  const rows = await db
    .selectFrom('storyViews as v')
    .innerJoin('users as u', 'u.id', 'v.viewerId')
    .selectAll('u')
    .select('v.viewedAt')
    .where('v.storyId', '=', story.id)
    .orderBy('v.viewedAt', 'desc')
    .orderBy('u.id')
    .execute();
  const list = rows.map(({ viewedAt, ...user }) => ({ user: withoutPhone(toUserView(user)), viewedAt: new Date(viewedAt).toISOString() }));
  return { viewers: list, count: list.length };
}
