import type { Chat, ChatMember, Database } from '@confab/db';
import type { Transaction } from 'kysely';
import { chatAudience } from '../chats/membership.js';
import { transact } from '../lib/transact.js';
import type { AuthedContext } from '../trpc.js';
import { assertKnowsChat, lockGroup } from './group-access.js';
import { loadChat, toGroupInfo, type GroupInfo } from './group-view.js';
import { postNotice, type GroupNotice } from './system-message.js';

export interface GroupChange {
  /** Throws FORBIDDEN when the caller's role does not allow the change. */
  authorize(chat: Chat, caller: ChatMember): void;
  /** Applies the change and says which notices describe it (none when nothing changed). */
  apply(trx: Transaction<Database>, chat: Chat): Promise<Omit<GroupNotice, 'actorId'>[]>;
}

/**
 * The shape of every change to a group's info or settings: lock, authorise, change, post a
 * notice per change, and send every member the group's new info (`group.updated`).
 */
export async function changeGroup(ctx: AuthedContext, chatId: string, change: GroupChange): Promise<GroupInfo> {
  const { deps } = ctx;
  const me = ctx.user.id;
  await assertKnowsChat(ctx, chatId);
  return transact(deps, async (trx, emit) => {
    const { chat, me: caller } = await lockGroup(trx, chatId, me);
    change.authorize(chat, caller);
    const notices = await change.apply(trx, chat);
    const now = deps.clock.now();
    for (const notice of notices) await postNotice(trx, emit, chatId, { ...notice, actorId: me }, now);
    const group = await toGroupInfo(trx, await loadChat(trx, chatId));
    if (notices.length > 0) emit(await chatAudience(trx, chatId), { type: 'group.updated', group });
    return group;
  });
}
