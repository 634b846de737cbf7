import type { Chat, Database, Message } from '@confab/db';
import type { Transaction } from 'kysely';
import type { Emit } from '../lib/transact.js';
import { metaOf } from '../messages/message-view.js';
import { notify, snippetOf, withdraw } from './notify.js';

/**
 * A new message notifies whoever it @-mentions and the author of the message it replies to
 * (once each: a mention that is also a reply is a mention).
 */
export async function notifyAboutMessage(trx: Transaction<Database>, emit: Emit, chat: Pick<Chat, 'id' | 'kind'>, message: Message): Promise<void> {
  const category = chat.kind === 'group' ? 'groups' : 'messages';
  const mentions = (metaOf(message)?.mentions as string[] | undefined) ?? [];
  const base = { actorId: message.senderId, category, chatId: chat.id, messageId: message.id, snippet: snippetOf(message.text), now: new Date(message.createdAt) } as const;
  for (const userId of new Set(mentions)) await notify(trx, emit, { ...base, userId, kind: 'mention' });
  if (message.replyToId) {
    const quoted = await trx.selectFrom('messages').select('senderId').where('id', '=', message.replyToId).executeTakeFirst();
    if (quoted && !mentions.includes(quoted.senderId)) await notify(trx, emit, { ...base, userId: quoted.senderId, kind: 'reply' });
  }
}

/** Reactions to one message are one entry for its author: "Ana and 3 others reacted". */
export async function notifyAboutReaction(trx: Transaction<Database>, emit: Emit, message: Message, reactorId: string, emoji: string | null, now: Date): Promise<void> {
  const groupKey = `reaction:${message.id}`;
  if (emoji === null) {
    // The entry names the emoji of whoever reacted last among those left.
    const latest = await trx.selectFrom('reactions').select('emoji').where('messageId', '=', message.id).where('userId', '!=', message.senderId).orderBy('createdAt', 'desc').limit(1).executeTakeFirst();
    return withdraw(trx, emit, message.senderId, groupKey, reactorId, latest?.emoji ?? null);
  }
  await notify(trx, emit, { userId: message.senderId, actorId: reactorId, kind: 'reaction', category: 'reactions', chatId: message.chatId, messageId: message.id, emoji, snippet: snippetOf(message.text), groupKey, now });
}
