import type { AuthedContext } from '../trpc.js';
import { storyViews, viewCounts } from './stories.repo.js';

/** The caller's live stories, oldest first, each with how many people viewed it. */
export async function mine(ctx: AuthedContext) {
  const { db, clock } = ctx.deps;
  const me = ctx.user.id;
  const rows = await db.selectFrom('stories').selectAll().where('authorId', '=', me).where('expiresAt', '>', clock.now()).orderBy('createdAt').orderBy('id').execute();
  const [views, counts] = await Promise.all([storyViews(db, rows), viewCounts(db, rows.map((r) => r.id))]);
  return { stories: views.map((story) => ({ ...story, viewCount: counts.get(story.id) ?? 0 })) };
}
