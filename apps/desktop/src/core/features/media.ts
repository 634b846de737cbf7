import { cacheKeyOf, type MediaInfo, type MediaVariant } from '../cache/media.repo.js';
import { downloadMedia } from '../media/download-media.js';
import { uploadMedia, type UploadedMedia, type UploadRequest } from '../media/upload-media.js';
import type { CoreRuntime } from '../runtime.js';

/** Attachments and pictures: downloaded into the cache (viewable offline), uploaded online. */
export class MediaFeature {
  constructor(private readonly rt: CoreRuntime) {}

  info(mediaId: string, variant: MediaVariant = 'full'): MediaInfo | null {
    return this.rt.cache.media.get(cacheKeyOf(mediaId, variant));
  }

  /** The file, or its preview (`thumb`: an image's small copy, a video's poster), from the cache or the server. */
  download(mediaId: string, variant: MediaVariant = 'full'): Promise<MediaInfo> {
    const { rt } = this;
    return downloadMedia({ cache: rt.cache, serverUrl: rt.options.serverUrl, fetch: rt.fetch, session: rt.session, mediaDir: rt.mediaDir, now: rt.now }, mediaId, variant);
  }

  /** Sends a file to the server for an attachment (online only); the message is sent with its mediaId. */
  upload(request: UploadRequest): Promise<UploadedMedia> {
    const { rt } = this;
    return uploadMedia({ serverUrl: rt.options.serverUrl, fetch: rt.fetch, session: rt.session }, request);
  }
}
