import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Deps } from '@confab/api';
import { findViewableMedia } from '@confab/api/media/media-access';
import { userForDownload } from './authenticate.js';
import { contentDisposition, downloadName } from './file-name.js';
import { parseRange } from './range.js';
import { MediaHttpError, mediaError, type MediaAdmission } from './respond.js';

/** Headers every media byte goes out with, so no browser ever runs or sniffs an upload. */
const SAFE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "sandbox; default-src 'none'",
  'referrer-policy': 'no-referrer',
  // Access can be lost (a message deleted, a group left): always revalidate; the ETag makes that cheap.
  'cache-control': 'private, no-cache',
  'accept-ranges': 'bytes',
};

/**
 * GET/HEAD /media/:id and /media/:id/thumb. Anyone not allowed to see the media gets the same
 * 404 as for an id that does not exist.
 */
export async function handleDownload(deps: Deps, req: IncomingMessage, res: ServerResponse, url: URL, mediaId: string, thumb: boolean, admit: MediaAdmission): Promise<void> {
  // Who may see it is admitted; sending the bytes (as slow as the viewer) is not.
  const media = await admit(async () => findViewableMedia(deps.db, mediaId, await userForDownload(deps, req, url, mediaId), deps.clock.now()));
  if (!media) throw mediaError.notFound();
  const sha = thumb ? media.thumbSha256 : media.sha256;
  if (!sha) throw mediaError.notFound();
  const mime = thumb ? (media.thumbMime ?? 'image/webp') : media.mime;
  const size = await stat(deps.media.pathOf(sha)).then(
    (s) => s.size,
    () => {
      deps.log.error({ mediaId, thumb }, 'media file missing from the store');
      throw mediaError.notFound();
    },
  );

  const etag = `"${sha}"`;
  const name = downloadName(media.fileName, media.kind, media.mime, media.id);
  const headers: Record<string, string> = {
    ...SAFE_HEADERS,
    'content-type': mime,
    etag,
    'content-disposition': contentDisposition(thumb ? `thumbnail-${name.replace(/\.[^.]*$/, '')}.webp` : name),
  };

  if (ifNoneMatch(req.headers['if-none-match'], etag)) {
    res.writeHead(304, headers);
    return void res.end();
  }
  const ifRange = req.headers['if-range'];
  const range = ifRange && ifRange !== etag ? ({ kind: 'whole' } as const) : parseRange(req.headers.range, size);
  if (range.kind === 'unsatisfiable') {
    throw new MediaHttpError(416, 'RANGE_NOT_SATISFIABLE', `The file has ${size} bytes`, { 'content-range': `bytes */${size}` });
  }
  const part = range.kind === 'part' ? range : null;
  const length = part ? part.end - part.start + 1 : size;
  res.writeHead(part ? 206 : 200, {
    ...headers,
    'content-length': String(length),
    ...(part ? { 'content-range': `bytes ${part.start}-${part.end}/${size}` } : {}),
  });
  if (req.method === 'HEAD' || length === 0) return void res.end();
  await pipeline(deps.media.get(sha, part ?? undefined), res).catch((error: unknown) => {
    // A viewer closing the tab mid-video is normal.
    if (!res.destroyed) throw error;
  });
}

function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*');
}
