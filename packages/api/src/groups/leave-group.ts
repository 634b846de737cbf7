import type { Database } from '@confab/db';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { activeMemberIds } from '../chats/membership.js';
import { transact } from '../lib/transact.js';
import type { AuthedContext } from '../trpc.js';
import { assertKnowsChat, lockGroup } from './group-access.js';
import type { chatIdOnly } from './group-inputs.js';
import { chatViewFor, endMembership } from './membership-changes.js';
import { postNotice } from './system-message.js';

/**
 * The caller leaves. An owner leaving hands ownership to the longest-serving admin, or, with no
 * admin, to the longest-serving member, so a group with members always has an owner.
 */
export async function leaveGroup(ctx: AuthedContext, input: z.infer<typeof chatIdOnly>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  await assertKnowsChat(ctx, input.chatId);

  await transact(deps, async (trx, emit) => {
    const { chat, me: leaver } = await lockGroup(trx, input.chatId, me);
    const now = deps.clock.now();
    const recipients = await activeMemberIds(trx, chat.id);
    const notice = await postNotice(trx, emit, chat.id, { action: 'left', actorId: me }, now);
    await endMembership(trx, chat.id, me, notice.seq, now);
    emit(recipients, { type: 'member.left', chatId: chat.id, userId: me });
    emit([me], { type: 'chat.updated', chat: await chatViewFor(trx, chat.id, me, now) });

    if (leaver.role !== 'owner') return;
    const successor = await longestServing(trx, chat.id);
    if (!successor) return;
    await trx.updateTable('chatMembers').set({ role: 'owner' }).where('chatId', '=', chat.id).where('userId', '=', successor).execute();
    await postNotice(trx, emit, chat.id, { action: 'owner_changed', actorId: me, targetIds: [successor] }, now);
    emit(await activeMemberIds(trx, chat.id), { type: 'member.updated', chatId: chat.id, userId: successor, role: 'owner' });
    emit([successor], { type: 'chat.updated', chat: await chatViewFor(trx, chat.id, successor, now) });
  });
  return { ok: true as const };
}

/** Admins first, then members; within each, who joined (this time) earliest. */
async function longestServing(trx: Transaction<Database>, chatId: string): Promise<string | undefined> {
  const row = await trx
    .selectFrom('chatMembers')
    .select('userId')
    .where('chatId', '=', chatId)
    .where('leftSeq', 'is', null)
    .orderBy((eb) => eb.case().when('role', '=', 'admin').then(0).else(1).end())
    .orderBy('joinedAt')
    .orderBy('joinedSeq')
    .orderBy('userId')
    .limit(1)
    .executeTakeFirst();
  return row?.userId;
}
