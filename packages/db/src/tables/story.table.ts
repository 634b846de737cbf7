import type { ColumnType, Selectable } from 'kysely';
import type { Timestamp } from './user.table.js';

export type StoryKind = 'text' | 'image' | 'video';
/** Who sees a story: my contacts, my contacts except `audienceIds`, or only `audienceIds`. */
export type StoryAudience = 'contacts' | 'except' | 'only';

/** A status update; live until `expiresAt` (24 h after posting) or until its author deletes it. */
export interface StoryTable {
  id: string;
  authorId: string;
  kind: StoryKind;
  /** A text story's text, or an image/video's caption. */
  text: string | null;
  mediaId: string | null;
  /** A text story's background colour (#rrggbb) and font name. */
  background: string | null;
  font: string | null;
  audience: StoryAudience;
  /** User ids (JSON array) for 'except' / 'only'. */
  audienceIds: ColumnType<unknown, string, string>;
  createdAt: Timestamp;
  expiresAt: Timestamp;
}
export type Story = Selectable<StoryTable>;

export interface StoryViewTable {
  storyId: string;
  viewerId: string;
  viewedAt: Timestamp;
}

/** This file's tables, by the name queries use (part of `Database`). */
export interface StoryTables {
  stories: StoryTable;
  storyViews: StoryViewTable;
}
