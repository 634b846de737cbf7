import type { MemberRole } from '@confab/db';
import type { z } from 'zod';
import { chatAudience } from '../chats/membership.js';
import { fail } from '../errors.js';
import { transact } from '../lib/transact.js';
import type { AuthedContext } from '../trpc.js';
import { assertKnowsChat, loadActiveMember, lockGroup, requireAdmin } from './group-access.js';
import type { chatAndUser } from './group-inputs.js';
import { chatViewFor } from './membership-changes.js';
import { postNotice } from './system-message.js';

/** An admin makes a member an admin. Promoting an admin again changes nothing. */
export function promote(ctx: AuthedContext, input: z.infer<typeof chatAndUser>) {
  return changeRole(ctx, input, 'admin');
}

/** An admin makes another admin a plain member; the owner cannot be demoted. */
export function demote(ctx: AuthedContext, input: z.infer<typeof chatAndUser>) {
  return changeRole(ctx, input, 'member');
}

async function changeRole(ctx: AuthedContext, input: z.infer<typeof chatAndUser>, role: Exclude<MemberRole, 'owner'>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  await assertKnowsChat(ctx, input.chatId);

  return transact(deps, async (trx, emit) => {
    const { chat, me: caller } = await lockGroup(trx, input.chatId, me);
    requireAdmin(caller, role === 'admin' ? 'make admins' : 'dismiss admins');
    const target = await loadActiveMember(trx, chat.id, input.userId);
    if (target.role === 'owner') throw fail.forbidden("The group owner's role cannot be changed");
    if (target.role === role) return { userId: target.userId, role };

    const now = deps.clock.now();
    await trx.updateTable('chatMembers').set({ role }).where('chatId', '=', chat.id).where('userId', '=', target.userId).execute();
    await postNotice(trx, emit, chat.id, { action: role === 'admin' ? 'promoted' : 'demoted', actorId: me, targetIds: [target.userId] }, now);
    emit(await chatAudience(trx, chat.id), { type: 'member.updated', chatId: chat.id, userId: target.userId, role });
    emit([target.userId], { type: 'chat.updated', chat: await chatViewFor(trx, chat.id, target.userId, now) });
    return { userId: target.userId, role };
  });
}
