import type { ChatAudience } from '../sync/chat-stream-append.js';
import type { Chat, ChatMember, Database } from '@confab/db';
import type { Kysely } from 'kysely';
import { fail } from '../errors.js';

export interface Membership {
  chat: Chat;
  member: ChatMember;
}

/**
 * The caller's membership of a chat, current or past. Anyone who was never a member gets
 * NOT_FOUND, so they cannot learn the chat exists.
 */
export async function loadMembership(db: Kysely<Database>, chatId: string, userId: string): Promise<Membership> {
  const row = await db
    .selectFrom('chatMembers as m')
    .innerJoin('chats as c', 'c.id', 'm.chatId')
    .selectAll('m')
    .select([
      'c.kind', 'c.directKey', 'c.name', 'c.description', 'c.avatarMediaId', 'c.createdBy', 'c.createdAt', 'c.lastSeq', 'c.lastActivityAt',
      'c.disappearingSeconds', 'c.sendPermission', 'c.editInfoPermission', 'c.addMembersPermission', 'c.deletedAt',
    ])
    .where('m.chatId', '=', chatId)
    .where('m.userId', '=', userId)
    .executeTakeFirst();
  if (!row) throw fail.notFound('Chat');
  const { kind, directKey, name, description, avatarMediaId, createdBy, createdAt, lastSeq, lastActivityAt, disappearingSeconds, sendPermission, editInfoPermission, addMembersPermission, deletedAt, ...member } = row;
  return {
    chat: { id: chatId, kind, directKey, name, description, avatarMediaId, createdBy, createdAt, lastSeq, lastActivityAt, disappearingSeconds, sendPermission, editInfoPermission, addMembersPermission, deletedAt },
    member,
  };
}

/** Current members only: someone who left can still read up to their departure, not act. */
export async function loadActiveMembership(db: Kysely<Database>, chatId: string, userId: string): Promise<Membership> {
  const membership = await loadMembership(db, chatId, userId);
  if (membership.member.leftSeq !== null) throw fail.forbidden('You are no longer a member of this chat');
  return membership;
}

/** The window of seqs this member may read. */
export function visibleRange(member: ChatMember): { after: number; upTo: number | null } {
  return { after: Math.max(member.joinedSeq, member.clearedSeq), upTo: member.leftSeq };
}

/**
 * Every current member of the chat, as recipients of an event (`emit`): a group's event is then
 * stored once in the chat's stream, not once per member (sync/chat-stream-append.ts).
 */
export async function chatAudience(db: Kysely<Database>, chatId: string): Promise<ChatAudience> {
  return { chatId, members: await activeMemberIds(db, chatId) };
}

export async function activeMemberIds(db: Kysely<Database>, chatId: string): Promise<string[]> {
  const rows = await db.selectFrom('chatMembers').select('userId').where('chatId', '=', chatId).where('leftSeq', 'is', null).execute();
  return rows.map((r) => r.userId);
}

export async function isBlockedEitherWay(db: Kysely<Database>, a: string, b: string): Promise<boolean> {
  const row = await db
    .selectFrom('blocks')
    .select('blockerId')
    .where((eb) => eb.or([eb.and([eb('blockerId', '=', a), eb('blockedId', '=', b)]), eb.and([eb('blockerId', '=', b), eb('blockedId', '=', a)])]))
    .executeTakeFirst();
  return row !== undefined;
}
