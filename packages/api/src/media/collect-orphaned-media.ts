import type { Deps } from '../deps.js';
import { isReferenced } from './media-references.js';
import { deleteBlobIfUnused } from './blob-lock.js';

const BATCH = 500;

/**
 * How long a file stays after its message went away before it may be collected. Unmarking a
 * file that is still used only touches marks older than this, so it can never undo the mark
 * of a message being deleted at that very moment (or on a server whose clock is a little off).
 */
export const DETACHED_GRACE_MS = 5 * 60 * 1000;

export interface CollectedMedia {
  /** Media rows removed. */
  media: number;
  /** Files (originals, previews, posters) removed from the store. */
  files: number;
}

/**
 * Removes uploads whose message went away (expired or deleted for everyone: media.detached_at)
 * and that nothing uses any more, then their bytes and preview from the store. Files still
 * used (a forwarded copy, a profile photo, a group image, a wallpaper) are unmarked instead;
 * they are looked at again when the next message carrying them goes. Uploads never sent carry
 * no mark and are never touched.
 *
 * Rows go first, then bytes: a crash in between leaves an unreachable file, never a row
 * without its file. Safe in several processes at once: only the process whose DELETE removed
 * a row removes its bytes, and removing bytes that are already gone is not an error.
 */
export async function collectOrphanedMedia(deps: Deps): Promise<CollectedMedia> {
  const collected: CollectedMedia = { media: 0, files: 0 };
  for (;;) {
    const cutoff = new Date(deps.clock.now().getTime() - DETACHED_GRACE_MS);
    const due = await deps.db.selectFrom('media').select('id').where('detachedAt', '<=', cutoff).orderBy('detachedAt').limit(BATCH).execute();
    if (due.length === 0) return collected;
    const ids = due.map((m) => m.id);

    const removed = await deps.db
      .deleteFrom('media')
      .where('id', 'in', ids)
      .where('detachedAt', '<=', cutoff)
      .where((eb) => eb.not(isReferenced(eb)))
      .returning(['sha256', 'thumbSha256'])
      .execute();
    const unmarked = await deps.db.updateTable('media').set({ detachedAt: null }).where('id', 'in', ids).where('detachedAt', '<=', cutoff).where(isReferenced).executeTakeFirst();

    collected.media += removed.length;
    collected.files += await removeUnusedFiles(deps, removed.flatMap((m) => [m.sha256, m.thumbSha256]));
    // Nothing changed: another process is collecting this batch.
    if (removed.length === 0 && unmarked.numUpdatedRows === 0n) return collected;
    if (due.length < BATCH) return collected;
  }
}

/** The store is shared by content hash: bytes go only when no remaining media row needs them. */
async function removeUnusedFiles(deps: Deps, shas: readonly (string | null)[]): Promise<number> {
  let removed = 0;
  for (const sha of new Set(shas)) {
    if (sha === null) continue;
    try {
      // Re-checked under the digest's lock: an upload of the same bytes may be committing now.
      if (await deleteBlobIfUnused(deps, sha)) removed += 1;
    } catch (error) {
      // The row is gone, so no one can reach these bytes; they only take up space.
      deps.log.warn({ err: error }, 'could not remove a collected media file');
    }
  }
  return removed;
}
