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
 * 404 as for an id that does not exist. A GET through a signed link (an <img>/<video> tag) is
 * sent on to the object store with a presigned link when the store has them, so the bytes do
 * not pass through this process; bearer requests (the apps) are always served here.
 */
export async function handleDownload(deps: Deps, req: IncomingMessage, res: ServerResponse, url: URL, mediaId: string, thumb: boolean, admit: MediaAdmission): Promise<void> {
  // Who may see it is admitted; sending the bytes (as slow as the viewer) is not.
  const { media, asker } = await admit(async () => {
    const who = await userForDownload(deps, req, url, mediaId);
    return { media: await findViewableMedia(deps.db, mediaId, who.userId, deps.clock.now()), asker: who };
  });
  if (!media) throw mediaError.notFound();
  const sha = thumb ? media.thumbSha256 : media.sha256;
  if (!sha) throw mediaError.notFound();
  const mime = thumb ? (media.thumbMime ?? 'image/webp') : media.mime;
  const name = downloadName(media.fileName, media.kind, media.mime, media.id);
  const disposition = contentDisposition(thumb ? `thumbnail-${name.replace(/\.[^.]*$/, '')}.webp` : name);

  if (asker.linkExpiresAt && req.method === 'GET') {
    const now = deps.clock.now();
    const direct = await deps.media.directDownloadUrl(sha, { contentType: mime, contentDisposition: disposition, now, notAfter: asker.linkExpiresAt });
    if (direct) {
      res.writeHead(302, { location: direct, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'x-content-type-options': 'nosniff' });
      return void res.end();
    }
  }

  const size = await deps.media.size(sha);
  if (size === null) {
    deps.log.error({ mediaId, thumb }, 'media file missing from the store');
    throw mediaError.notFound();
  }
  const etag = `"${sha}"`;
  const headers: Record<string, string> = {
    ...SAFE_HEADERS,
    'content-type': mime,
    etag,
    'content-disposition': disposition,
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
  // Opened before the status goes out, so a store that fails now still gets a proper answer.
  const bytes = req.method === 'HEAD' || length === 0 ? null : await deps.media.get(sha, part ?? undefined);
  res.writeHead(part ? 206 : 200, {
    ...headers,
    'content-length': String(length),
    ...(part ? { 'content-range': `bytes ${part.start}-${part.end}/${size}` } : {}),
  });
  if (!bytes) return void res.end();
  await pipeline(bytes, res).catch((error: unknown) => {
    // A viewer closing the tab mid-video is normal.
    if (!res.destroyed) throw error;
  });
}

function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*');
}
