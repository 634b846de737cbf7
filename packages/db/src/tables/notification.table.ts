import type { ColumnType, Selectable } from 'kysely';
import type { Timestamp } from './user.table.js';

export type NotificationKind = 'mention' | 'reply' | 'reaction' | 'group.invitation' | 'story.reply' | 'missed.call';

/** An entry of a user's notification centre. */
export interface NotificationTable {
  id: string;
  userId: string;
  kind: NotificationKind;
  chatId: string | null;
  messageId: string | null;
  storyId: string | null;
  invitationId: string | null;
  /** Who did it, most recent first, as a JSON array of user ids. */
  actorIds: ColumnType<unknown, string, string>;
  emoji: string | null;
  /** A short excerpt of what was said (shown only when previews are on). */
  snippet: string | null;
  /** Entries with the same key are one (reactions to one message). */
  groupKey: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  readAt: Timestamp | null;
}
export type Notification = Selectable<NotificationTable>;

/** A device that is told about new things while no app is open (Web Push, or a desktop app). */
export interface DeviceTable {
  id: string;
  userId: string;
  sessionId: string;
  kind: 'webpush' | 'desktop';
  name: string;
  /** Web Push: the push service's URL for this subscription and its keys (base64url). */
  endpoint: string | null;
  p256dh: string | null;
  auth: string | null;
  createdAt: Timestamp;
  lastPushAt: Timestamp | null;
}
export type Device = Selectable<DeviceTable>;

/** This file's tables, by the name queries use (part of `Database`). */
export interface NotificationTables {
  notifications: NotificationTable;
  devices: DeviceTable;
}
