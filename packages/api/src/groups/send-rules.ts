import type { Chat, ChatMember, Database } from '@confab/db';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { activeMemberIds } from '../chats/membership.js';
import { fail } from '../errors.js';
import { id } from '../lib/schemas.js';

/** `mentions` on messages.send: user ids of members the message @-mentions. */
export const mentionsInput = z
  .array(id)
  .max(256, 'Mention at most 256 people')
  .transform((ids) => [...new Set(ids)])
  .optional();

/** In a group whose send setting is 'admins', only admins and the owner may post. */
export function assertMaySend(chat: Pick<Chat, 'kind' | 'sendPermission'>, member: Pick<ChatMember, 'role'>): void {
  if (chat.kind === 'group' && chat.sendPermission === 'admins' && member.role === 'member') {
    throw fail.forbidden('Only admins can send messages in this group');
  }
}

/**
 * Re-reads the sender's membership and the chat's send setting under the chat row lock, so a
 * member removed (or a setting changed) a moment before cannot still post after it.
 */
export async function assertMaySendLocked(trx: Transaction<Database>, chatId: string, userId: string): Promise<void> {
  const row = await trx
    .selectFrom('chatMembers as m')
    .innerJoin('chats as c', 'c.id', 'm.chatId')
    .select(['m.role', 'm.leftSeq', 'c.kind', 'c.sendPermission', 'c.deletedAt'])
    .where('m.chatId', '=', chatId)
    .where('m.userId', '=', userId)
    .executeTakeFirst();
  if (!row || row.leftSeq !== null) throw fail.forbidden('You are no longer a member of this chat');
  if (row.deletedAt !== null) throw fail.forbidden('This group was deleted');
  assertMaySend(row, row);
}

/**
 * Mentions must name current members of the chat (other than the sender); they are stored in
 * the message's meta as `mentions`, so every member's client can tell whether it was mentioned
 * and notify even when the chat is muted.
 */
export async function validMentions(trx: Transaction<Database>, chatId: string, senderId: string, mentions: readonly string[] | undefined): Promise<string[] | undefined> {
  if (!mentions || mentions.length === 0) return undefined;
  const members = new Set(await activeMemberIds(trx, chatId));
  const wanted = mentions.filter((id) => id !== senderId);
  if (wanted.some((id) => !members.has(id))) throw fail.badRequest('You can only mention members of this chat');
  return wanted;
}
