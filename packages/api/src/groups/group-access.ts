import type { Chat, ChatMember, Database, GroupPermission } from '@confab/db';
import type { Transaction } from 'kysely';
import { loadMembership } from '../chats/membership.js';
import { fail } from '../errors.js';
import type { AuthedContext } from '../trpc.js';
import { lockChat } from '../lib/locks.js';

export interface LockedGroup {
  chat: Chat;
  /** The caller's membership, read under the chat row lock. */
  me: ChatMember;
}

export const isAdmin = (member: Pick<ChatMember, 'role'>): boolean => member.role === 'owner' || member.role === 'admin';

/**
 * Checks, without taking any lock, that the caller is or was a member of this chat: an
 * outsider gets NOT_FOUND (and cannot make us lock a chat they do not belong to).
 */
export async function assertKnowsChat(ctx: AuthedContext, chatId: string): Promise<void> {
  await loadMembership(ctx.deps.db, chatId, ctx.user.id);
}

/**
 * Locks the group's chat row (every membership, role, settings change and every message insert
 * takes this lock first, so they happen one at a time and in seq order) and reads the caller's
 * membership under it, so a role or membership changed a moment ago is what is checked.
 */
export async function lockGroup(trx: Transaction<Database>, chatId: string, userId: string): Promise<LockedGroup> {
  const chat = await lockChat(trx, chatId);
  const me = chat ? await trx.selectFrom('chatMembers').selectAll().where('chatId', '=', chatId).where('userId', '=', userId).executeTakeFirst() : undefined;
  if (!chat || !me) throw fail.notFound('Chat');
  if (chat.kind !== 'group') throw fail.badRequest('This chat is not a group');
  if (me.leftSeq !== null) throw fail.forbidden('You are no longer a member of this group');
  if (chat.deletedAt !== null) throw fail.forbidden('This group was deleted');
  return { chat, me };
}

export function requireAdmin(member: ChatMember, action: string): void {
  if (!isAdmin(member)) throw fail.forbidden(`Only group admins can ${action}`);
}

/** A setting that is 'all' lets every member act; 'admins' only admins and the owner. */
export function requirePermission(permission: GroupPermission, member: ChatMember, action: string): void {
  if (permission === 'admins') requireAdmin(member, action);
}

export function requireOwner(member: ChatMember, action: string): void {
  if (member.role !== 'owner') throw fail.forbidden(`Only the group owner can ${action}`);
}

/** A current member of the locked group, or NOT_FOUND. */
export async function loadActiveMember(trx: Transaction<Database>, chatId: string, userId: string): Promise<ChatMember> {
  const member = await trx.selectFrom('chatMembers').selectAll().where('chatId', '=', chatId).where('userId', '=', userId).where('leftSeq', 'is', null).executeTakeFirst();
  if (!member) throw fail.notFound('Member');
  return member;
}
