import type { Database, Message } from '@confab/db';
import type { Transaction } from 'kysely';
import { chatAudience } from '../chats/membership.js';
import type { Emit } from '../lib/transact.js';
import { markDetached } from '../media/media.repo.js';

/**
 * Blanks a message for everyone and leaves a placeholder (its author, a group admin, or a
 * moderator removing reported content). The `message.deleted` event also redacts the copies
 * stored in every stream (sync/event-log.ts), so a client catching up never receives it.
 */
export async function deleteForEveryone(trx: Transaction<Database>, emit: Emit, message: Message, now: Date): Promise<void> {
  await trx.updateTable('messages').set({ deletedAt: now, text: null, mediaId: null, meta: null }).where('id', '=', message.id).execute();
  // Its file leaves the server once no forward, profile photo or group image still uses it.
  await markDetached(trx, [message.mediaId], now);
  await trx.deleteFrom('reactions').where('messageId', '=', message.id).execute();
  await trx.deleteFrom('messageEdits').where('messageId', '=', message.id).execute();
  emit(await chatAudience(trx, message.chatId), { type: 'message.deleted', chatId: message.chatId, messageId: message.id, seq: message.seq, forEveryone: true });
}
