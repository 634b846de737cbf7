import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Deps } from '@confab/api';
import { handleDownload } from './download.js';
import { asMediaRefusal, MediaHttpError, mediaError, sendMediaError, type MediaAdmission } from './respond.js';
import { ClientGoneError, handleUpload } from './upload.js';

const ITEM = /^\/media\/([A-Za-z0-9-]{1,64})(\/thumb)?\/?$/;

/**
 * The media endpoints:
 *   POST /media                 upload (bearer auth) → 201 {mediaId, kind, mime, size, …}
 *   GET  /media/:id[/thumb]     download (bearer auth or a signed link from media.url), Range-aware
 * Errors are `{error: {code, message}}` with the matching HTTP status.
 */
export async function handleMedia(deps: Deps, req: IncomingMessage, res: ServerResponse, url: URL, admit: MediaAdmission = (work) => work()): Promise<void> {
  try {
    if (url.pathname === '/media' || url.pathname === '/media/') {
      if (req.method !== 'POST') throw mediaError.methodNotAllowed('POST');
      return await handleUpload(deps, req, res, url, admit);
    }
    const match = ITEM.exec(url.pathname);
    if (!match) throw mediaError.notFound();
    if (req.method !== 'GET' && req.method !== 'HEAD') throw mediaError.methodNotAllowed('GET, HEAD');
    return await handleDownload(deps, req, res, url, match[1]!, match[2] !== undefined, admit);
  } catch (thrown) {
    const error = asMediaRefusal(thrown);
    if (error instanceof MediaHttpError) return sendMediaError(req, res, error);
    // The uploader or viewer hung up: nobody is left to answer.
    if (error instanceof ClientGoneError || req.socket.destroyed) return void res.destroy();
    throw error;
  }
}
