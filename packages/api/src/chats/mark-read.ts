import { z } from 'zod';
import { fail } from '../errors.js';
import { transact } from '../lib/transact.js';
import type { AuthedContext } from '../trpc.js';
import { activeMemberIds, loadMembership } from './membership.js';

export const markReadInput = z.object({ chatId: z.string().min(1).max(64), seq: z.number().int().min(0) }).strict();

/** Moves the caller's read mark forward (never back); other members see read ticks. */
export async function markRead(ctx: AuthedContext, input: z.infer<typeof markReadInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  const { chat, member } = await loadMembership(deps.db, input.chatId, me);
  const newest = member.leftSeq ?? chat.lastSeq;
  if (input.seq > newest) throw fail.badRequest(`seq ${input.seq} is past the newest message (${newest})`);
  if (input.seq <= member.lastReadSeq) return { lastReadSeq: member.lastReadSeq };

  await transact(deps, async (trx, emit) => {
    await trx
      .updateTable('chatMembers')
      .set((eb) => ({ lastReadSeq: eb.fn('greatest', ['lastReadSeq', eb.val(input.seq)]), lastDeliveredSeq: eb.fn('greatest', ['lastDeliveredSeq', eb.val(input.seq)]) }))
      .where('chatId', '=', chat.id)
      .where('userId', '=', me)
      .execute();
    const recipients = member.leftSeq === null ? await activeMemberIds(trx, chat.id) : [me];
    emit(recipients, { type: 'receipt', chatId: chat.id, userId: me, readSeq: input.seq, deliveredSeq: input.seq });
  });
  return { lastReadSeq: input.seq };
}
