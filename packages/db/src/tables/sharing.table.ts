import type { Selectable } from 'kysely';
import type { Timestamp } from './user.table.js';

/**
 * A live location: the location message it moves (its meta holds the current position only, so
 * nobody — a member who looks later included — sees the trail), who shares it and until when.
 */
export interface LiveLocationTable {
  id: string;
  messageId: string;
  chatId: string;
  sharerId: string;
  startedAt: Timestamp;
  expiresAt: Timestamp;
  /** Stopped by the sharer, or the time it ran out (set by the sweeper); null while live. */
  endedAt: Timestamp | null;
  updatedAt: Timestamp;
}
export type LiveLocation = Selectable<LiveLocationTable>;

/** A custom emoticon: `:shortcut:` in any message of its owner's renders as the image. */
export interface EmoticonTable {
  id: string;
  ownerId: string;
  shortcut: string;
  /** The re-encoded image (a server-made media row owned by the owner). */
  mediaId: string;
  animated: boolean;
  createdAt: Timestamp;
}
export type Emoticon = Selectable<EmoticonTable>;

/** This file's tables, by the name queries use (part of `Database`). */
export interface SharingTables {
  liveLocations: LiveLocationTable;
  emoticons: EmoticonTable;
}
