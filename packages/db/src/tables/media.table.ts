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
}
export type Media = Selectable<MediaTable>;
