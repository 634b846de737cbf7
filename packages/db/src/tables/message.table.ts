import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Timestamp } from './user.table.js';

export type MessageKind =
  | 'text' | 'image' | 'video' | 'audio' | 'voice' | 'document' | 'link'
  | 'contact' | 'location' | 'poll' | 'sticker' | 'system';

export type Json = ColumnType<unknown, string, string>;

export interface MessageTable {
  id: string;
  chatId: string;
  seq: number;
  senderId: string;
  clientId: string;
  kind: MessageKind;
  text: string | null;
  mediaId: string | null;
  replyToId: string | null;
  /** Kind-specific data (contact card, location, link preview…), as JSON. */
  meta: Json | null;
  createdAt: Timestamp;
  editedAt: Timestamp | null;
  deletedAt: Timestamp | null;
  expiresAt: Timestamp | null;
}
export type Message = Selectable<MessageTable>;

export interface MessageEditTable {
  messageId: string;
  previousText: string;
  editedAt: Timestamp;
  /** Orders edits made within one clock tick. */
  editNo: Generated<number>;
}

export interface ReactionTable {
  messageId: string;
  userId: string;
  /** The emoji, or `:shortcut:` for a custom emoticon (its text once the emoticon is deleted). */
  emoji: string;
  /** One of the reactor's custom emoticons; null for an emoji, and once the emoticon is deleted. */
  emoticonId: Generated<string | null>;
  createdAt: Timestamp;
}

/** "Delete for me": the message stays for everyone else. */
export interface HiddenMessageTable {
  userId: string;
  messageId: string;
}

/** "Star": my bookmark on a message, for the starred-messages list. */
export interface StarredMessageTable {
  userId: string;
  messageId: string;
  starredAt: Timestamp;
}

/** This file's tables, by the name queries use (part of `Database`). */
export interface MessageTables {
  messages: MessageTable;
  messageEdits: MessageEditTable;
  reactions: ReactionTable;
  hiddenMessages: HiddenMessageTable;
  starredMessages: StarredMessageTable;
}
