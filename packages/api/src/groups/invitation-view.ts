import type { Database, GroupInvitation } from '@confab/db';
import type { Kysely } from 'kysely';
import { visibleProfile } from '../users/profile-privacy.js';
import { toUserView, type UserView } from '../users/user-view.js';
import { countActiveMembers } from './group-view.js';

export interface InvitationView {
  id: string;
  chatId: string;
  status: GroupInvitation['status'];
  group: { name: string; description: string | null; avatarMediaId: string | null; memberCount: number };
  inviter: UserView;
  createdAt: string;
  expiresAt: string;
}

export async function toInvitationView(db: Kysely<Database>, invitation: GroupInvitation): Promise<InvitationView> {
  const [chat, inviter, memberCount] = await Promise.all([
    db.selectFrom('chats').select(['name', 'description', 'avatarMediaId']).where('id', '=', invitation.chatId).executeTakeFirstOrThrow(),
    db.selectFrom('users').selectAll().where('id', '=', invitation.inviterId).executeTakeFirstOrThrow(),
    countActiveMembers(db, invitation.chatId),
  ]);
  return {
    id: invitation.id,
    chatId: invitation.chatId,
    status: invitation.status,
    group: { name: chat.name ?? 'Group', description: chat.description, avatarMediaId: chat.avatarMediaId, memberCount },
    inviter: await visibleProfile(db, invitation.inviteeId, toUserView(inviter)),
    createdAt: new Date(invitation.createdAt).toISOString(),
    expiresAt: new Date(invitation.expiresAt).toISOString(),
  };
}
