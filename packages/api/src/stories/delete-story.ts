import { z } from 'zod';
import { id } from '../lib/schemas.js';
import { transact } from '../lib/transact.js';
import { markDetached } from '../media/media.repo.js';
import type { AuthedContext } from '../trpc.js';
import { loadOwnStory, storyAudience } from './stories.repo.js';

export const storyIdInput = z.object({ storyId: id }).strict();

/** The author takes a story down before it expires; everyone it was shown to hears `story.deleted`. */
export async function deleteStory(ctx: AuthedContext, input: z.infer<typeof storyIdInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  const now = deps.clock.now();
  const story = await loadOwnStory(deps.db, input.storyId, me, now);
  await transact(deps, async (trx, emit) => {
    const audience = await storyAudience(trx, story.id, now);
    await trx.deleteFrom('stories').where('id', '=', story.id).execute();
    await markDetached(trx, [story.mediaId], now);
    emit([me, ...audience], { type: 'story.deleted', storyId: story.id, authorId: me });
  });
  return { ok: true as const };
}
