import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Timestamp } from './user.table.js';

/** Who may see (or do) something about a user. */
export type Audience = 'everyone' | 'contacts' | 'nobody';

/** A user's own settings; a missing row means every default. */
export interface UserSettingsTable {
  userId: string;
  theme: Generated<string>;
  notificationPreview: Generated<boolean>;
  notificationSound: Generated<boolean>;
  lastSeen: Generated<Audience>;
  profilePhoto: Generated<Audience>;
  about: Generated<Audience>;
  readReceipts: Generated<Audience>;
  groupAdd: Generated<Audience>;
  /** Who can start a conversation with me; with 'contacts' a stranger's first message is a message request. */
  messageMe: Generated<'everyone' | 'contacts'>;
  /** Who sees my stories (stories/story-audience.ts); ids for 'except' / 'only' as a JSON array. */
  storyAudience: Generated<'contacts' | 'except' | 'only'>;
  storyAudienceIds: ColumnType<unknown, string | undefined, string>;
  /** Which notifications the user wants (messages in 1:1 chats, groups, stories, reactions). */
  notifyMessages: Generated<boolean>;
  notifyGroups: Generated<boolean>;
  notifyStories: Generated<boolean>;
  notifyReactions: Generated<boolean>;
  updatedAt: Timestamp;
}
export type UserSettings = Selectable<UserSettingsTable>;

/** A member's delivered/read mark moved up to `seq` at `at` (per-message receipts come from these). */
export interface ReceiptMarkTable {
  chatId: string;
  userId: string;
  kind: 'delivered' | 'read';
  seq: number;
  at: Timestamp;
}

/** A server process holding at least one open event stream for a user. */
export interface PresenceConnectionTable {
  userId: string;
  processId: string;
}

/** A live server process: its rows in presence_connections count while its heartbeat is fresh. */
export interface PresenceProcessTable {
  processId: string;
  heartbeatAt: Timestamp;
}

/** This file's tables, by the name queries use (part of `Database`). */
export interface SettingsTables {
  userSettings: UserSettingsTable;
  receiptMarks: ReceiptMarkTable;
  presenceConnections: PresenceConnectionTable;
  presenceProcesses: PresenceProcessTable;
}
