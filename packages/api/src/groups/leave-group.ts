import type { Database } from '@confab/db';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { activeMemberIds, chatAudience } from '../chats/membership.js';
import { transact, type Emit } from '../lib/transact.js';
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
    await lockGroup(trx, input.chatId, me);
    await departGroup(trx, emit, input.chatId, me, deps.clock.now());
  });
  return { ok: true as const };
}

/**
 * A current member leaves a group whose chat row the caller has locked: the "left" notice (the
 * last thing they see), their window ends, and an owner's role passes on. Exported so other
 * ways of leaving (deleting one's account) can hand ownership over the same way.
 */
export async function departGroup(trx: Transaction<Database>, emit: Emit, chatId: string, userId: string, now: Date): Promise<void> {
  const leaver = await trx.selectFrom('chatMembers').select('role').where('chatId', '=', chatId).where('userId', '=', userId).where('leftSeq', 'is', null).executeTakeFirstOrThrow();
  const recipients = await activeMemberIds(trx, chatId);
  const notice = await postNotice(trx, emit, chatId, { action: 'left', actorId: userId }, now);
  await endMembership(trx, chatId, userId, notice.seq, now);
  emit(recipients, { type: 'member.left', chatId, userId });
  emit([userId], { type: 'chat.updated', chat: await chatViewFor(trx, chatId, userId, now) });

  if (leaver.role !== 'owner') return;
  const successor = await longestServing(trx, chatId);
  if (!successor) return;
  await trx.updateTable('chatMembers').set({ role: 'owner' }).where('chatId', '=', chatId).where('userId', '=', successor).execute();
  await postNotice(trx, emit, chatId, { action: 'owner_changed', actorId: userId, targetIds: [successor] }, now);
  emit(await chatAudience(trx, chatId), { type: 'member.updated', chatId, userId: successor, role: 'owner' });
  emit([successor], { type: 'chat.updated', chat: await chatViewFor(trx, chatId, successor, now) });
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
