import type { Chat, Database, GroupPermission } from '@confab/db';
import { sql, type Kysely } from 'kysely';

export interface GroupPermissions {
  send: GroupPermission;
  editInfo: GroupPermission;
  addMembers: GroupPermission;
}

/** What every member sees about a group; carried by `group.updated` events. */
export interface GroupInfo {
  id: string;
  name: string;
  description: string | null;
  avatarMediaId: string | null;
  createdAt: string;
  createdBy: string;
  permissions: GroupPermissions;
  memberCount: number;
  deleted: boolean;
}

export const permissionsOf = (chat: Chat): GroupPermissions => ({
  send: chat.sendPermission,
  editInfo: chat.editInfoPermission,
  addMembers: chat.addMembersPermission,
});

export async function countActiveMembers(db: Kysely<Database>, chatId: string): Promise<number> {
  const row = await db.selectFrom('chatMembers').select(sql<number>`count(*)::int`.as('n')).where('chatId', '=', chatId).where('leftSeq', 'is', null).executeTakeFirstOrThrow();
  return row.n;
}

export async function toGroupInfo(db: Kysely<Database>, chat: Chat): Promise<GroupInfo> {
  return {
    id: chat.id,
    name: chat.name ?? 'Group',
    description: chat.description,
    avatarMediaId: chat.avatarMediaId,
    createdAt: new Date(chat.createdAt).toISOString(),
    createdBy: chat.createdBy,
    permissions: permissionsOf(chat),
    memberCount: await countActiveMembers(db, chat.id),
    deleted: chat.deletedAt !== null,
  };
}

export async function loadChat(db: Kysely<Database>, chatId: string): Promise<Chat> {
  return db.selectFrom('chats').selectAll().where('id', '=', chatId).executeTakeFirstOrThrow();
}
