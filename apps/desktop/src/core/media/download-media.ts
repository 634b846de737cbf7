import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Cache } from '../cache/cache.js';
import { cacheKeyOf, type MediaInfo, type MediaVariant } from '../cache/media.repo.js';
import type { AuthSession } from '../session/auth-session.js';
import type { FetchFn } from '../sync/transport.js';

export interface DownloadDeps {
  cache: Cache;
  serverUrl: string;
  fetch: FetchFn;
  session: AuthSession;
  mediaDir: string;
  now: () => Date;
}

/** A file name from an id that cannot climb out of the media folder. */
const fileNameFor = (mediaId: string) => (/^[A-Za-z0-9_-]{1,80}$/.test(mediaId) ? mediaId : createHash('sha256').update(mediaId).digest('hex'));

/**
 * Downloads an attachment, or a picture (profile photo, group image), into the media folder
 * (streamed, written under a temporary name and renamed when complete) and records where it
 * is, so it stays viewable offline. The server decides who may download what. `thumb`: the
 * server's preview of an image or video (a video's poster), kept beside the file.
 */
export async function downloadMedia(deps: DownloadDeps, mediaId: string, variant: MediaVariant = 'full'): Promise<MediaInfo> {
  const key = cacheKeyOf(mediaId, variant);
  const known = deps.cache.media.get(key);
  if (known?.localPath && existsSync(known.localPath)) return known;
  // Two screens often ask for the same picture at once (a bubble and the chat list, say). Both
  // writing one `.part` file would make one of them fail, so they share the one download.
  const target = path.join(deps.mediaDir, fileNameFor(key));
  const running = inFlight.get(target);
  if (running) return running;
  const downloading = (async () => {
    try {
      return await download(deps, mediaId, variant, key, target);
    } catch (error) {
      // A picture nobody could fetch leaves no trace; an attachment keeps its metadata.
      if (!known) deps.cache.media.remove(key);
      throw error;
    } finally {
      inFlight.delete(target);
    }
  })();
  inFlight.set(target, downloading);
  return downloading;
}

/** Downloads under way, by the file they write. */
const inFlight = new Map<string, Promise<MediaInfo>>();

async function download(deps: DownloadDeps, mediaId: string, variant: MediaVariant, key: string, target: string): Promise<MediaInfo> {
  if (!deps.cache.media.get(key)) deps.cache.media.notePicture(key);

  const url = `${deps.serverUrl.replace(/\/+$/, '')}/media/${encodeURIComponent(mediaId)}${variant === 'thumb' ? '/thumb' : ''}`;
  const get = (token: string | null) => deps.fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const token = deps.session.accessToken;
  let response = await get(token);
  if (response.status === 401) {
    await response.body?.cancel();
    await deps.session.refresh(token);
    response = await get(deps.session.accessToken);
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new Error(`The attachment could not be downloaded (HTTP ${response.status})`);
  }

  mkdirSync(deps.mediaDir, { recursive: true });
  const partial = `${target}.part`;
  try {
    await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), createWriteStream(partial));
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  deps.cache.media.markDownloaded(key, target, deps.now().toISOString(), response.headers.get('content-type')?.split(';')[0]?.trim() ?? null);
  return deps.cache.media.get(key)!;
}
