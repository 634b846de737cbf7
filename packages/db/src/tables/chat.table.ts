import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Timestamp } from './user.table.js';

export type ChatKind = 'direct' | 'group';
export type MemberRole = 'owner' | 'admin' | 'member';
export type GroupPermission = 'all' | 'admins';

export interface ChatTable {
  id: string;
  kind: ChatKind;
  /** Sorted pair of user ids for a 1:1 chat, so there is only ever one. */
  directKey: string | null;
  name: string | null;
  description: string | null;
  avatarMediaId: string | null;
  createdBy: string;
  createdAt: Timestamp;
  /** Highest message seq; updated under the row lock in the insert's transaction. */
  lastSeq: Generated<number>;
  /** When the newest message arrived (or the chat was made); orders the chat list. */
  lastActivityAt: Timestamp;
  disappearingSeconds: number | null;
  sendPermission: Generated<GroupPermission>;
  editInfoPermission: Generated<GroupPermission>;
  addMembersPermission: Generated<GroupPermission>;
  deletedAt: Timestamp | null;
}
export type Chat = Selectable<ChatTable>;

export interface ChatMemberTable {
  chatId: string;
  userId: string;
  role: MemberRole;
  joinedAt: Timestamp;
  leftAt: Timestamp | null;
  /** The member sees messages with seq > joinedSeq … */
  joinedSeq: number;
  /** … and, once gone, seq <= leftSeq. */
  leftSeq: number | null;
  lastReadSeq: Generated<number>;
  lastDeliveredSeq: Generated<number>;
  /** Cleared for this member only: messages with seq <= clearedSeq are hidden. */
  clearedSeq: Generated<number>;
  mutedUntil: Timestamp | null;
  hidden: Generated<boolean>;
  /** "Hide until": the chat comes back by itself at this time (null: until a message arrives). */
  hiddenUntil: Timestamp | null;
  /** Pinned to the top of my list, at this time (null: not pinned). */
  pinnedAt: Timestamp | null;
  /** Archived when the chat's last seq was this; a newer message brings it back unless muted. */
  archivedSeq: number | null;
  theme: string | null;
  background: string | null;
  /** 1:1 chats: null until a first message; 'pending' is a message request ("who can message me"). */
  requestState: 'pending' | 'accepted' | null;
  /** The member's personal labels on this chat, as a JSON array of strings. */
  labels: ColumnType<unknown, string | undefined, string>;
}
export type ChatMember = Selectable<ChatMemberTable>;

/** This file's tables, by the name queries use (part of `Database`). */
export interface ChatTables {
  chats: ChatTable;
  chatMembers: ChatMemberTable;
}
