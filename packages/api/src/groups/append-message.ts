import type { Database, Message, MessageKind } from '@confab/db';
import type { Transaction } from 'kysely';
import { newId } from '../lib/ids.js';

export interface NewChatMessage {
  chatId: string;
  senderId: string;
  kind: MessageKind;
  text: string | null;
  meta: Record<string, unknown> | null;
  clientId?: string;
  now: Date;
  /** System notices stay even in chats with a disappearing timer. */
  disappears: boolean;
}

/**
 * Inserts a message with the chat's next seq, taken under the chat row lock (as messages.send
 * does), so group notices and polls sit in the same gapless sequence as every other message
 * and reach history and sync like them.
 */
export async function appendMessage(trx: Transaction<Database>, m: NewChatMessage): Promise<Message> {
  const locked = await trx.selectFrom('chats').select(['lastSeq', 'disappearingSeconds']).where('id', '=', m.chatId).forUpdate().executeTakeFirstOrThrow();
  const seq = locked.lastSeq + 1;
  const expiresAt = m.disappears && locked.disappearingSeconds ? new Date(m.now.getTime() + locked.disappearingSeconds * 1000) : null;
  const stored = await trx
    .insertInto('messages')
    .values({
      id: newId(),
      chatId: m.chatId,
      seq,
      senderId: m.senderId,
      clientId: m.clientId ?? `server:${newId()}`,
      kind: m.kind,
      text: m.text,
      mediaId: null,
      replyToId: null,
      meta: m.meta === null ? null : JSON.stringify(m.meta),
      createdAt: m.now,
      editedAt: null,
      deletedAt: null,
      expiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx.updateTable('chats').set({ lastSeq: seq, lastActivityAt: m.now }).where('id', '=', m.chatId).execute();
  // As for any new message: a hidden chat comes back, and the sender has read what they posted.
  await trx.updateTable('chatMembers').set({ hidden: false }).where('chatId', '=', m.chatId).where('hidden', '=', true).where('leftSeq', 'is', null).execute();
  await trx
    .updateTable('chatMembers')
    .set((eb) => ({ lastReadSeq: eb.fn('greatest', ['lastReadSeq', eb.val(seq)]), lastDeliveredSeq: eb.fn('greatest', ['lastDeliveredSeq', eb.val(seq)]) }))
    .where('chatId', '=', m.chatId)
    .where('userId', '=', m.senderId)
    .where('leftSeq', 'is', null)
    .execute();
  return stored;
}
