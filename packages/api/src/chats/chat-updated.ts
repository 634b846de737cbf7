import type { Database } from '@confab/db';
import type { Transaction } from 'kysely';
import type { Emit } from '../lib/transact.js';
import { buildChatView } from './chat-summary.js';
import type { ChatView } from './chat-view.js';
import { loadMembership } from './membership.js';

/**
 * `chat.updated` to each of `userIds`, every one with their own view of the chat (their
 * mute, theme, unread count…), read inside the change's transaction. Returns the views.
 */
export async function emitChatUpdated(trx: Transaction<Database>, emit: Emit, chatId: string, userIds: readonly string[], now: Date): Promise<Map<string, ChatView>> {
  const views = new Map<string, ChatView>();
  for (const userId of new Set(userIds)) {
    const view = await buildChatView(trx, await loadMembership(trx, chatId, userId), now);
    emit([userId], { type: 'chat.updated', chat: view });
    views.set(userId, view);
  }
  return views;
}
