import type { Generated, Selectable } from 'kysely';
import type { Timestamp } from './user.table.js';

/** A group's invite link; at most one per group has revokedAt null. */
export interface GroupInviteLinkTable {
  code: string;
  chatId: string;
  createdBy: string;
  createdAt: Timestamp;
  revokedAt: Timestamp | null;
}
export type GroupInviteLink = Selectable<GroupInviteLinkTable>;

export type GroupInvitationStatus = 'pending' | 'accepted' | 'declined';

/** An add that the invitee's privacy setting turned into a request they accept or decline. */
export interface GroupInvitationTable {
  id: string;
  chatId: string;
  inviterId: string;
  inviteeId: string;
  status: Generated<GroupInvitationStatus>;
  createdAt: Timestamp;
  expiresAt: Timestamp;
  respondedAt: Timestamp | null;
}
export type GroupInvitation = Selectable<GroupInvitationTable>;

/** This file's tables, by the name queries use (part of `Database`). */
export interface GroupTables {
  groupInviteLinks: GroupInviteLinkTable;
  groupInvitations: GroupInvitationTable;
}
