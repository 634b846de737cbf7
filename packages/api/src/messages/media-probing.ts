import { Readable } from 'node:stream';
import type { Media } from '@confab/db';
import type { Deps } from '../deps.js';
import { withBlobLocks } from '../media/blob-lock.js';

const POSTER_MAX_BYTES = 2 * 1024 * 1024;

/**
 * Videos and audio learn their duration (and videos their size and a poster frame, served as
 * their thumbnail) the first time they are attached to a message. Uploads stay a pure byte
 * stream; without a probe (no ffprobe installed) the media is sent as it is.
 */
export async function ensureProbed(deps: Deps, media: Media): Promise<Media> {
  if ((media.kind !== 'video' && media.kind !== 'audio') || media.durationMs !== null || !deps.mediaProbe) return media;
  const probe = deps.mediaProbe;
  const probed = await deps.media.withLocalFile(media.sha256, (path) => probe.probe(path, media.kind)).catch((error: unknown) => {
    deps.log.warn({ err: error, mediaId: media.id }, 'media probe failed');
    return null;
  });
  if (!probed) return media;

  // A poster is staged, then committed with the row that uses it under its digest's lock, like an
  // upload: the collector deleting the same bytes for another row can never take it away.
  const poster =
    probed.poster && media.thumbSha256 === null
      ? await deps.media.stage(Readable.from([probed.poster.bytes]), POSTER_MAX_BYTES).catch((error: unknown) => {
          deps.log.warn({ err: error, mediaId: media.id }, 'could not store a video poster');
          return null;
        })
      : null;
  const posterMime = probed.poster?.mime ?? null;
  try {
    const updated = await withBlobLocks(deps.db, [poster?.sha256 ?? null], async (trx) => {
      await poster?.commit();
      return trx
        .updateTable('media')
        .set({
          durationMs: probed.durationMs,
          width: media.width ?? probed.width,
          height: media.height ?? probed.height,
          ...(poster ? { thumbSha256: poster.sha256, thumbMime: posterMime } : {}),
        })
        .where('id', '=', media.id)
        .returningAll()
        .executeTakeFirst();
    });
    return updated ?? media;
  } finally {
    await poster?.abort().catch(() => {});
  }
}
