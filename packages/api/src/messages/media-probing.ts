import { Readable } from 'node:stream';
import type { Media } from '@confab/db';
import type { Deps } from '../deps.js';

const POSTER_MAX_BYTES = 2 * 1024 * 1024;

/**
 * Videos and audio learn their duration (and videos their size and a poster frame, served as
 * their thumbnail) the first time they are attached to a message. Uploads stay a pure byte
 * stream; without a probe (no ffprobe installed) the media is sent as it is.
 */
export async function ensureProbed(deps: Deps, media: Media): Promise<Media> {
  if ((media.kind !== 'video' && media.kind !== 'audio') || media.durationMs !== null || !deps.mediaProbe) return media;
  const probed = await deps.mediaProbe.probe(deps.media.pathOf(media.sha256), media.kind).catch((error: unknown) => {
    deps.log.warn({ err: error, mediaId: media.id }, 'media probe failed');
    return null;
  });
  if (!probed) return media;

  let thumb: { sha256: string; mime: string } | null = null;
  if (probed.poster && media.thumbSha256 === null) {
    const stored = await deps.media.put(Readable.from([probed.poster.bytes]), POSTER_MAX_BYTES).catch((error: unknown) => {
      deps.log.warn({ err: error, mediaId: media.id }, 'could not store a video poster');
      return null;
    });
    if (stored) thumb = { sha256: stored.sha256, mime: probed.poster.mime };
  }
  const updated = await deps.db
    .updateTable('media')
    .set({
      durationMs: probed.durationMs,
      width: media.width ?? probed.width,
      height: media.height ?? probed.height,
      ...(thumb ? { thumbSha256: thumb.sha256, thumbMime: thumb.mime } : {}),
    })
    .where('id', '=', media.id)
    .returningAll()
    .executeTakeFirst();
  return updated ?? media;
}
