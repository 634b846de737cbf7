import { z } from 'zod';
import { fail } from '../errors.js';
import type { AuthedContext } from '../trpc.js';
import { findViewableMedia } from './media-access.js';
import { toMediaView } from './media-view.js';
import { signMediaQuery } from './signed-url.js';
import { id } from '../lib/schemas.js';

export const mediaIdInput = z.object({ mediaId: id }).strict();

/** Metadata of a media item the caller may see. */
export async function getMedia(ctx: AuthedContext, input: z.infer<typeof mediaIdInput>) {
  const media = await findViewableMedia(ctx.deps.db, input.mediaId, ctx.user.id, ctx.deps.clock.now());
  if (!media) throw fail.notFound('Media');
  return toMediaView(media);
}

/**
 * A signed, few-minutes link to download a media item without an Authorization header (for
 * <img src>). `path`/`thumbPath` are relative to the server; `url`/`thumbUrl` use PUBLIC_URL.
 */
export async function mediaUrl(ctx: AuthedContext, input: z.infer<typeof mediaIdInput>) {
  const { deps } = ctx;
  const now = deps.clock.now();
  const media = await findViewableMedia(deps.db, input.mediaId, ctx.user.id, now);
  if (!media) throw fail.notFound('Media');
  const { query, expiresAt } = signMediaQuery(deps.auth.jwtSecret, media.id, ctx.user.id, now);
  const search = new URLSearchParams({ ...query }).toString();
  const base = `/media/${encodeURIComponent(media.id)}`;
  const path = `${base}?${search}`;
  const thumbPath = media.thumbSha256 ? `${base}/thumb?${search}` : null;
  return {
    url: `${deps.publicUrl}${path}`,
    path,
    thumbUrl: thumbPath ? `${deps.publicUrl}${thumbPath}` : null,
    thumbPath,
    expiresAt: expiresAt.toISOString(),
  };
}
