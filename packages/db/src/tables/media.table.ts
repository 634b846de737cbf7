import type { Selectable } from 'kysely';
import type { Timestamp } from './user.table.js';

export type MediaKind = 'image' | 'video' | 'audio' | 'document';

export interface MediaTable {
  id: string;
  ownerId: string;
  sha256: string;
  size: number;
  mime: string;
  kind: MediaKind;
  fileName: string | null;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  createdAt: Timestamp;
  /** Preview of an image, stored in the media store like the original. */
  thumbSha256: string | null;
  thumbMime: string | null;
  /**
   * When a message carrying this file last went away (expired or deleted for everyone); the
   * media collector removes the file once nothing refers to it. Null for unsent uploads.
   */
  detachedAt: Timestamp | null;
}
export type Media = Selectable<MediaTable>;

/** This file's tables, by the name queries use (part of `Database`). */
export interface MediaTables {
  media: MediaTable;
}
