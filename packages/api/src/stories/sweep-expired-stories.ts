import type { Deps } from '../deps.js';
import { transact } from '../lib/transact.js';
import { markDetached } from '../media/media.repo.js';

const BATCH = 500;

/**
 * Deletes stories past their 24 h (their views go with them), so they leave the database, and
 * hands their files to the media collector. Every procedure and GET /media already hide a story
 * the moment it expires; this only cleans up. Clients drop expired stories by their own clock.
 */
export async function sweepExpiredStories(deps: Deps): Promise<number> {
  let total = 0;
  for (;;) {
    const now = deps.clock.now();
    const due = await deps.db.selectFrom('stories').select('id').where('expiresAt', '<=', now).orderBy('expiresAt').limit(BATCH).execute();
    if (due.length === 0) return total;
    total += await transact(deps, async (trx) => {
      const deleted = await trx
        .deleteFrom('stories')
        .where('id', 'in', due.map((s) => s.id))
        .where('expiresAt', '<=', now)
        .returning(['id', 'mediaId'])
        .execute();
      await markDetached(trx, deleted.map((s) => s.mediaId), now);
      return deleted.length;
    });
    if (due.length < BATCH) return total;
  }
}
