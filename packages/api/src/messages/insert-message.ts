import type { Database, Message } from '@confab/db';
import type { Kysely, Transaction } from 'kysely';
import { emitChatUpdated } from '../chats/chat-updated.js';
import { chatAudience } from '../chats/membership.js';
import { assertMaySendLocked } from '../groups/send-rules.js';
import { newId } from '../lib/ids.js';
import type { Emit } from '../lib/transact.js';
import type { MessageContent } from './kinds/content.js';
import { replyPreviews } from './messages.repo.js';
import { toMessageView } from './message-view.js';
import { fail } from '../errors.js';
import { lockChat } from '../lib/locks.js';

export interface NewMessage {
  chatId: string;
  senderId: string;
  clientId: string;
  content: MessageContent;
  replyToId: string | null;
  now: Date;
  /** A notice about a change the sender made (timer, settings): group send rules do not apply. */
  notice?: boolean;
}

/**
 * Stores a message with the chat's next seq, taken under the chat row's lock, so seqs are
 * gapless and in commit order, and tells every current member. The sender's membership and the
 * group's send setting are re-read under that lock. A clientId the sender already used in this
 * chat returns the stored message unchanged (`created: false`). Notices (`system`) never
 * disappear; everything else takes the chat's disappearing timer.
 */
export async function insertMessage(trx: Transaction<Database>, emit: Emit, m: NewMessage): Promise<{ message: Message; created: boolean }> {
  const locked = await lockChat(trx, m.chatId);
  if (!locked) throw fail.notFound('Chat');
  const existing = await findByClientId(trx, m.chatId, m.senderId, m.clientId);
  if (existing) return { message: existing, created: false };
  if (!m.notice) await assertMaySendLocked(trx, m.chatId, m.senderId);

  const seq = locked.lastSeq + 1;
  const disappears = m.content.kind !== 'system' && locked.disappearingSeconds !== null;
  const stored = await trx
    .insertInto('messages')
    .values({
      id: newId(),
      chatId: m.chatId,
      seq,
      senderId: m.senderId,
      clientId: m.clientId,
      kind: m.content.kind,
      text: m.content.text,
      mediaId: m.content.mediaId,
      replyToId: m.replyToId,
      meta: m.content.meta === null ? null : JSON.stringify(m.content.meta),
      createdAt: m.now,
      editedAt: null,
      deletedAt: null,
      expiresAt: disappears ? new Date(m.now.getTime() + locked.disappearingSeconds! * 1000) : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx.updateTable('chats').set({ lastSeq: seq, lastActivityAt: m.now }).where('id', '=', m.chatId).execute();
  // A hidden chat comes back when something new arrives; the sender has read their own message.
  const unhidden = await trx
    .updateTable('chatMembers')
    .set({ hidden: false })
    .where('chatId', '=', m.chatId)
    .where('hidden', '=', true)
    .where('leftSeq', 'is', null)
    .returning('userId')
    .execute();
  await trx.updateTable('chatMembers').set({ lastReadSeq: seq, lastDeliveredSeq: seq }).where('chatId', '=', m.chatId).where('userId', '=', m.senderId).execute();

  const quote = m.replyToId ? ((await replyPreviews(trx, [m.replyToId], m.now)).get(m.replyToId) ?? null) : null;
  emit(await chatAudience(trx, m.chatId), { type: 'message.new', message: toMessageView(stored, [], quote) });
  // Their devices show the chat again, not only its new message.
  if (unhidden.length > 0) await emitChatUpdated(trx, emit, m.chatId, unhidden.map((r) => r.userId), m.now);
  return { message: stored, created: true };
}

export async function findByClientId(db: Kysely<Database>, chatId: string, senderId: string, clientId: string): Promise<Message | undefined> {
  return db.selectFrom('messages').selectAll().where('chatId', '=', chatId).where('senderId', '=', senderId).where('clientId', '=', clientId).executeTakeFirst();
}
