import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough, Readable } from 'node:stream';
import { limitAction, PayloadTooLargeError, type Deps, type StagedBlob } from '@confab/api';
import { withBlobLocks } from '@confab/api/media/blob-lock';
import { isMediaKind, MEDIA_QUOTA_BYTES, MEDIA_SIZE_LIMITS } from '@confab/api/media/limits';
import { insertMediaIn, QuotaExceededError, usedBytes } from '@confab/api/media/media.repo';
import { toMediaView } from '@confab/api/media/media-view';
import type { MediaKind } from '@confab/db';
import { userFromBearer } from './authenticate.js';
import { sanitizeFileName } from './file-name.js';
import { inspectUpload } from './inspect-upload.js';
import { asMediaRefusal, mediaError, type MediaAdmission } from './respond.js';

const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;
const quotaMessage = () => `Your storage is full: uploads are limited to ${mb(MEDIA_QUOTA_BYTES)} in total. Delete something and try again.`;

/**
 * POST /media — the raw file as the body. Streamed to the store (never held in memory),
 * refused with 413 as soon as it passes the kind's limit or the user's quota, then
 * identified from its bytes; a mismatch keeps nothing.
 */
export async function handleUpload(deps: Deps, req: IncomingMessage, res: ServerResponse, url: URL, admit: MediaAdmission): Promise<void> {
  const userId = await userFromBearer(deps, req);
  await limitAction(deps, 'uploads', userId).catch((error: unknown) => {
    throw asMediaRefusal(error);
  });
  const declared = declaredKind(url, req.headers['content-type']);
  const kindLimit = MEDIA_SIZE_LIMITS[declared];
  const room = MEDIA_QUOTA_BYTES - (await usedBytes(deps.db, userId));

  const announced = req.headers['content-length'] === undefined ? null : Number(req.headers['content-length']);
  if (announced !== null && announced > kindLimit) throw mediaError.tooLarge(`A ${declared} may be at most ${mb(kindLimit)}`);
  if (room <= 0 || (announced !== null && announced > room)) throw mediaError.tooLarge(quotaMessage());

  const maxBytes = Math.min(kindLimit, room);
  // Received, not yet in the store: the file appears under its digest only with its row (below).
  const blob = await deps.media.stage(bodyOf(req), maxBytes).catch((error: unknown) => {
    if (error instanceof PayloadTooLargeError) throw mediaError.tooLarge(maxBytes < kindLimit ? quotaMessage() : `A ${declared} may be at most ${mb(kindLimit)}`);
    throw error;
  });
  let thumb: StagedBlob | null = null;
  try {
    if (blob.size === 0) throw mediaError.badRequest('The file is empty');
    // The body streamed in outside admission (it may take minutes); decoding and storing it is admitted.
    const media = await admit(async () => {
      const { thumb: preview, ...inspected } = await inspectUpload(blob.path, declared);
      thumb = preview ? await deps.media.stage(Readable.from([preview]), THUMB_MAX_BYTES) : null;
      const staged = thumb;
      const values = {
        ownerId: userId,
        sha256: blob.sha256,
        size: blob.size,
        fileName: sanitizeFileName(req.headers['x-file-name']),
        ...inspected,
        thumbSha256: staged?.sha256 ?? null,
        now: deps.clock.now(),
      };
      // The files and the row that uses them commit together under the digests' locks, so a
      // refused upload or the collector deleting the same bytes can never take them away.
      return withBlobLocks(deps.db, [blob.sha256, staged?.sha256 ?? null], (trx) =>
        insertMediaIn(trx, values, MEDIA_QUOTA_BYTES, async () => {
          await blob.commit();
          await staged?.commit();
        }),
      ).catch((error: unknown) => {
        throw error instanceof QuotaExceededError ? mediaError.tooLarge(quotaMessage()) : error;
      });
    });
    deps.log.info({ event: 'media.uploaded', mediaId: media.id, userId, kind: media.kind, size: media.size }, 'media uploaded');
    const body = JSON.stringify(toMediaView(media));
    res.writeHead(201, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.end(body);
  } catch (error) {
    // Only what was never committed is dropped; committed bytes belong to a stored row.
    await Promise.all([blob.abort(), (thumb as StagedBlob | null)?.abort()]).catch((e: unknown) => deps.log.warn({ err: e }, 'could not remove a refused upload'));
    throw error;
  }
}

const THUMB_MAX_BYTES = 2 * 1024 * 1024;

/** `?kind=` if given, else the family of the declared Content-Type, else a document. */
function declaredKind(url: URL, contentType: string | undefined): MediaKind {
  const asked = url.searchParams.get('kind');
  if (asked !== null) {
    if (!isMediaKind(asked)) throw mediaError.badRequest('kind must be image, video, audio or document');
    return asked;
  }
  const family = contentType?.split('/')[0]?.trim().toLowerCase();
  return isMediaKind(family) ? family : 'document';
}

/**
 * The request body as a stream the store may destroy without destroying the request itself,
 * so a refusal can still be answered on the same connection. A client that goes away
 * mid-upload fails the store's pipeline (and its temp file is removed).
 */
function bodyOf(req: IncomingMessage): PassThrough {
  const body = new PassThrough();
  req.pipe(body);
  req.once('error', (error) => body.destroy(error));
  req.once('close', () => {
    if (!req.complete) body.destroy(new ClientGoneError());
  });
  return body;
}

/** The uploader hung up; there is nobody left to answer. */
export class ClientGoneError extends Error {
  constructor() {
    super('upload aborted by the client');
    this.name = 'ClientGoneError';
  }
}
