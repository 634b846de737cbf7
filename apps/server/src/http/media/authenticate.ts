import type { IncomingMessage } from 'node:http';
import { AppError, type Deps } from '@confab/api';
import { verifyMediaQuery } from '@confab/api/media/signed-url';
import { bearerToken, contextFromToken } from '../context.js';
import { mediaError } from './respond.js';

/** The signed-in user from `Authorization: Bearer …`; tokens are never read from the URL. */
export async function userFromBearer(deps: Deps, req: IncomingMessage): Promise<string> {
  const token = bearerToken(req);
  if (!token) throw mediaError.unauthorized('Send an Authorization: Bearer token');
  const ctx = await contextFromToken(deps, token, '').catch((error: unknown) => {
    throw error instanceof AppError ? mediaError.unauthorized('Your session has expired. Sign in again.') : error;
  });
  if (!ctx.user) throw mediaError.unauthorized();
  return ctx.user.id;
}

/** Who asks for a download, and until when their signed link is good (null: a bearer token). */
export interface DownloadAsker {
  userId: string;
  linkExpiresAt: Date | null;
}

/**
 * For downloads: the bearer token, or else a signed link from `media.url` (for <img> and
 * <video>, which cannot send headers). The link's user must still have a live account.
 */
export async function userForDownload(deps: Deps, req: IncomingMessage, url: URL, mediaId: string): Promise<DownloadAsker> {
  if (req.headers.authorization) return { userId: await userFromBearer(deps, req), linkExpiresAt: null };
  if (!url.searchParams.has('sig')) throw mediaError.unauthorized('Send an Authorization: Bearer token or use a signed link from media.url');
  const userId = verifyMediaQuery(deps.auth.jwtSecret, mediaId, url.searchParams, deps.clock.now());
  if (!userId) throw mediaError.unauthorized('This link has expired; ask for a new one');
  const live = await deps.db.selectFrom('users').select('id').where('id', '=', userId).where('deletedAt', 'is', null).executeTakeFirst();
  if (!live) throw mediaError.unauthorized('This link has expired; ask for a new one');
  // verifyMediaQuery checked `exp` is a number of seconds.
  return { userId, linkExpiresAt: new Date(Number(url.searchParams.get('exp')) * 1000) };
}
