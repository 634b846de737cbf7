import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface UserTable {
  id: string;
  phone: string | null;
  name: string;
  about: string;
  avatarMediaId: string | null;
  qrToken: string;
  role: Generated<'user' | 'moderator'>;
  createdAt: Timestamp;
  deletedAt: Timestamp | null;
  lastSeenAt: Timestamp | null;
  /** Set by a moderator: sign-in is refused. */
  suspendedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;

export interface BlockTable {
  blockerId: string;
  blockedId: string;
  createdAt: Timestamp;
}

export interface ContactTable {
  ownerId: string;
  contactId: string;
  alias: string | null;
  createdAt: Timestamp;
  /** Personal labels the owner gave this contact, as a JSON array of strings. */
  tags: ColumnType<unknown, string | undefined, string>;
}

/** A friend request still waiting for its answer (answered or cancelled ones are deleted). */
export interface FriendRequestTable {
  fromId: string;
  toId: string;
  createdAt: Timestamp;
}

/** This file's tables, by the name queries use (part of `Database`). */
export interface UserTables {
  users: UserTable;
  blocks: BlockTable;
  contacts: ContactTable;
  friendRequests: FriendRequestTable;
}
