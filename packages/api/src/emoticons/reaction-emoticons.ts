import type { Database } from '@confab/db';
import type { Transaction } from 'kysely';

/**
 * Before one of my emoticons is deleted: reactions with it keep their `:shortcut:` text and
 * lose the picture (as messages that used it inline do); returns the chats they are in, whose
 * members hear `emoticon.deleted`. The emoticon row is locked first, so a reaction being added
 * with it (which holds a shared lock) commits before this looks, and is found.
 */
export async function forgetEmoticonInReactions(trx: Transaction<Database>, emoticonId: string, ownerId: string): Promise<string[]> {
  const owned = await trx.selectFrom('emoticons').select('id').where('id', '=', emoticonId).where('ownerId', '=', ownerId).forUpdate().executeTakeFirst();
  if (!owned) return [];
  const rows = await trx
    .updateTable('reactions')
    .set({ emoticonId: null })
    .from('messages')
    .whereRef('messages.id', '=', 'reactions.messageId')
    .where('reactions.emoticonId', '=', emoticonId)
    .returning('messages.chatId')
    .execute();
  return [...new Set(rows.map((r) => r.chatId))];
}
