import type { ChatMember, ChatMemberTable, Database } from '@confab/db';
import type { Transaction, Updateable } from 'kysely';
import { lockUser } from '../lib/locks.js';
import { transact } from '../lib/transact.js';
import type { AuthedContext } from '../trpc.js';
import type { ChatView } from './chat-view.js';
import { emitChatUpdated } from './chat-updated.js';
import { loadMembership } from './membership.js';

/**
 * Changes the caller's own settings for a chat (hide, mute, theme, background, clear) and
 * tells their other devices with `chat.updated`. Past members may still tidy up an old chat;
 * anyone else gets NOT_FOUND.
 */
export async function updateOwnMembership(
  ctx: AuthedContext,
  chatId: string,
  change: (member: ChatMember, newestSeq: number, trx: Transaction<Database>) => Updateable<ChatMemberTable> | Promise<Updateable<ChatMemberTable>>,
): Promise<ChatView> {
  const { deps } = ctx;
  const me = ctx.user.id;
  const { chat, member } = await loadMembership(deps.db, chatId, me);
  const now = deps.clock.now();
  return transact(deps, async (trx, emit) => {
    // Serialised per member, so two pins at once cannot both take the last of the three places.
    await lockUser(trx, me);
    const set = await change(member, member.leftSeq ?? chat.lastSeq, trx);
    if (Object.keys(set).length > 0) await trx.updateTable('chatMembers').set(set).where('chatId', '=', chat.id).where('userId', '=', me).execute();
    return (await emitChatUpdated(trx, emit, chat.id, [me], now)).get(me)!;
  });
}
