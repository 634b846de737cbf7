import type { Media, MediaKind } from '@confab/db';

/** What clients learn about an upload; the sha and storage details stay on the server. */
export interface MediaView {
  mediaId: string;
  kind: MediaKind;
  mime: string;
  size: number;
  fileName: string | null;
  width: number | null;
  height: number | null;
  hasThumb: boolean;
}

export function toMediaView(media: Media): MediaView {
  return {
    mediaId: media.id,
    kind: media.kind,
    mime: media.mime,
    size: media.size,
    fileName: media.fileName,
    width: media.width,
    height: media.height,
    hasThumb: media.thumbSha256 !== null,
  };
}
