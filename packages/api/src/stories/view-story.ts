import { sql } from 'kysely';
import type { z } from 'zod';
import { transact } from '../lib/transact.js';
import type { AuthedContext } from '../trpc.js';
import type { storyIdInput } from './delete-story.js';
import { loadVisibleStory } from './stories.repo.js';

/**
 * Marks a story seen by the caller. Idempotent: the first view is kept (its time is what the
 * author sees), and only that first one tells the author (`story.viewed`, with the new count).
 */
export async function viewStory(ctx: AuthedContext, input: z.infer<typeof storyIdInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  const now = deps.clock.now();
  const story = await loadVisibleStory(deps.db, input.storyId, me, now);
  if (story.authorId === me) return { ok: true as const };
  await transact(deps, async (trx, emit) => {
    const inserted = await trx
      .insertInto('storyViews')
      .values({ storyId: story.id, viewerId: me, viewedAt: now })
      .onConflict((oc) => oc.columns(['storyId', 'viewerId']).doNothing())
      .returning('viewedAt')
      .executeTakeFirst();
    if (!inserted) return;
    const { count } = await trx.selectFrom('storyViews').select(sql<number>`count(*)::int`.as('count')).where('storyId', '=', story.id).executeTakeFirstOrThrow();
    emit([story.authorId], { type: 'story.viewed', storyId: story.id, viewerId: me, viewedAt: now.toISOString(), count: Number(count) });
    // The viewer's other devices show it as seen too.
    emit([me], { type: 'story.seen', storyId: story.id, authorId: story.authorId });
  });
  return { ok: true as const };
}
