import { activeMemberIds } from '../chats/membership.js';
import { fail } from '../errors.js';
import { transact } from '../lib/transact.js';
import type { AuthedContext } from '../trpc.js';
import { assertKnowsChat, loadActiveMember, lockGroup, requireAdmin } from './group-access.js';
import type { chatAndUser } from './group-inputs.js';
import { chatViewFor, endMembership } from './membership-changes.js';
import { postNotice } from './system-message.js';
import type { z } from 'zod';

/**
 * An admin removes a member (never the owner). The removed member sees the removal notice and
 * nothing after it: their window ends at its seq, and they are no longer a recipient.
 */
export async function removeMember(ctx: AuthedContext, input: z.infer<typeof chatAndUser>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  if (input.userId === me) throw fail.badRequest('To leave the group, use leave');
  await assertKnowsChat(ctx, input.chatId);

  await transact(deps, async (trx, emit) => {
    const { chat, me: caller } = await lockGroup(trx, input.chatId, me);
    requireAdmin(caller, 'remove members');
    const target = await loadActiveMember(trx, chat.id, input.userId);
    if (target.role === 'owner') throw fail.forbidden('The group owner cannot be removed');

    const now = deps.clock.now();
    const recipients = await activeMemberIds(trx, chat.id);
    const notice = await postNotice(trx, emit, chat.id, { action: 'removed', actorId: me, targetIds: [target.userId] }, now);
    await endMembership(trx, chat.id, target.userId, notice.seq, now);
    emit(recipients, { type: 'member.left', chatId: chat.id, userId: target.userId });
    emit([target.userId], { type: 'chat.updated', chat: await chatViewFor(trx, chat.id, target.userId, now) });
  });
  return { ok: true as const };
}
