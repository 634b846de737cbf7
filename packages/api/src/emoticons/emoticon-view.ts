import type { Emoticon } from '@confab/db';

/** A custom emoticon as clients see it; the image is fetched like any media (media.url). */
export interface EmoticonView {
  id: string;
  shortcut: string;
  mediaId: string;
  animated: boolean;
  createdAt: string;
}

export function toEmoticonView(row: Emoticon): EmoticonView {
  return { id: row.id, shortcut: row.shortcut, mediaId: row.mediaId, animated: row.animated, createdAt: new Date(row.createdAt).toISOString() };
}
