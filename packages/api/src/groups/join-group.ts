import type { Database } from '@confab/db';
import type { Transaction } from 'kysely';
import type { ChatView } from '../chats/chat-view.js';
import { activeMemberIds } from '../chats/membership.js';
import { fail } from '../errors.js';
import type { Emit } from '../lib/transact.js';
import { MAX_GROUP_MEMBERS } from './group-inputs.js';
import { admitMembers, announceChatToNewMembers, chatViewFor } from './membership-changes.js';
import { postNotice, type GroupAction } from './system-message.js';
import { lockChat } from '../lib/locks.js';

/**
 * The caller joins a group by their own choice (invite link or accepted invitation). The chat
 * row is locked first; a current member gets their view back unchanged, so joining twice is
 * harmless.
 */
export async function joinGroup(
  trx: Transaction<Database>,
  emit: Emit,
  join: { chatId: string; userId: string; action: Extract<GroupAction, 'joined_via_link' | 'joined_by_invitation'>; details?: Record<string, unknown> },
  now: Date,
): Promise<ChatView> {
  const chat = await lockChat(trx, join.chatId);
  if (!chat || chat.deletedAt !== null) throw fail.notFound('Group');
  const members = await activeMemberIds(trx, chat.id);
  if (members.includes(join.userId)) return chatViewFor(trx, chat.id, join.userId, now);
  if (members.length >= MAX_GROUP_MEMBERS) throw fail.forbidden('This group is full');

  await admitMembers(trx, chat.id, [join.userId], 'member', now);
  const notice = await postNotice(trx, emit, chat.id, { action: join.action, actorId: join.userId, details: join.details ?? {} }, now);
  emit([...members, join.userId], { type: 'member.joined', chatId: chat.id, userId: join.userId });
  const views = await announceChatToNewMembers(trx, emit, chat.id, [join.userId], notice);
  return views.get(join.userId)!;
}
