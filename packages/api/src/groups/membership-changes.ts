import type { ChatMember, Database, MemberRole, Message } from '@confab/db';
import type { Transaction } from 'kysely';
import { buildChatView } from '../chats/chat-summary.js';
import { toChatView, type ChatView } from '../chats/chat-view.js';
import type { Emit } from '../lib/transact.js';
import { toMessageView } from '../messages/message-view.js';
import { loadChat } from './group-view.js';
import { fail } from '../errors.js';
import { lockChat } from '../lib/locks.js';

/**
 * Makes users current members of a locked group, starting a new visible window at the chat's
 * current seq: someone joining (or rejoining) sees what is posted from now on, never what was
 * said before or while they were away. Callers pass only users who are not current members.
 */
export async function admitMembers(trx: Transaction<Database>, chatId: string, userIds: readonly string[], role: MemberRole, now: Date): Promise<void> {
  if (userIds.length === 0) return;
  const locked = await lockChat(trx, chatId);
  if (!locked) throw fail.notFound('Chat');
  const { lastSeq } = locked;
  const window = { role, joinedAt: now, leftAt: null, joinedSeq: lastSeq, leftSeq: null, lastReadSeq: lastSeq, lastDeliveredSeq: lastSeq, hidden: false };
  for (let i = 0; i < userIds.length; i += 500) {
    await trx
      .insertInto('chatMembers')
      .values(userIds.slice(i, i + 500).map((userId) => ({ chatId, userId, ...window, mutedUntil: null, theme: null, background: null })))
      .onConflict((oc) => oc.columns(['chatId', 'userId']).doUpdateSet(window))
      .execute();
  }
}

/**
 * Ends a member's window at `leftSeq` (the notice of their departure, which they still see).
 * From then on they are not a recipient of anything, and every read path stops at leftSeq.
 */
export async function endMembership(trx: Transaction<Database>, chatId: string, userId: string, leftSeq: number, now: Date): Promise<void> {
  await trx.updateTable('chatMembers').set({ leftSeq, leftAt: now, role: 'member' }).where('chatId', '=', chatId).where('userId', '=', userId).execute();
}

async function memberRow(trx: Transaction<Database>, chatId: string, userId: string): Promise<ChatMember> {
  return trx.selectFrom('chatMembers').selectAll().where('chatId', '=', chatId).where('userId', '=', userId).executeTakeFirstOrThrow();
}

/**
 * Sends freshly admitted members their view of the chat. Their window starts at the notice
 * announcing them, and notices are not counted as unread, so it is built without queries.
 */
export async function announceChatToNewMembers(trx: Transaction<Database>, emit: Emit, chatId: string, userIds: readonly string[], notice: Message): Promise<Map<string, ChatView>> {
  const views = new Map<string, ChatView>();
  if (userIds.length === 0) return views;
  const chat = await loadChat(trx, chatId);
  const rows = await trx.selectFrom('chatMembers').selectAll().where('chatId', '=', chatId).where('userId', 'in', [...userIds]).execute();
  const lastMessage = toMessageView(notice);
  for (const member of rows) {
    const view = toChatView({ chat, member, peer: null, lastMessage, unreadCount: 0 });
    views.set(member.userId, view);
    emit([member.userId], { type: 'chat.updated', chat: view });
  }
  return views;
}

/** The member's own, full view of the chat after a change to their role or membership. */
export async function chatViewFor(trx: Transaction<Database>, chatId: string, userId: string, now: Date): Promise<ChatView> {
  const [chat, member] = await Promise.all([loadChat(trx, chatId), memberRow(trx, chatId, userId)]);
  return buildChatView(trx, { chat, member }, now);
}
