import { z } from 'zod';
import { fail } from '../errors.js';
import { transact } from '../lib/transact.js';
import type { AuthedContext } from '../trpc.js';
import { chatAudience, loadMembership } from './membership.js';
import { recordReceiptMark } from './receipts.repo.js';
import { id } from '../lib/schemas.js';

export const markDeliveredInput = z.object({ chatId: id, seq: z.number().int().min(0) }).strict();

/**
 * The device has stored messages up to `seq`: the senders' single tick becomes two. Called by
 * the client after its cache holds them (not when the server merely sent them), so "delivered"
 * means the message really reached a device of the recipient.
 */
export async function markDelivered(ctx: AuthedContext, input: z.infer<typeof markDeliveredInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  const { chat, member } = await loadMembership(deps.db, input.chatId, me);
  const newest = member.leftSeq ?? chat.lastSeq;
  if (input.seq > newest) throw fail.badRequest(`seq ${input.seq} is past the newest message (${newest})`);
  if (input.seq <= member.lastDeliveredSeq) return { lastDeliveredSeq: member.lastDeliveredSeq };
  const now = deps.clock.now();

  await transact(deps, async (trx, emit) => {
    await trx
      .updateTable('chatMembers')
      .set((eb) => ({ lastDeliveredSeq: eb.fn('greatest', ['lastDeliveredSeq', eb.val(input.seq)]) }))
      .where('chatId', '=', chat.id)
      .where('userId', '=', me)
      .execute();
    await recordReceiptMark(trx, { chatId: chat.id, userId: me, kind: 'delivered', seq: input.seq, at: now });
    const recipients = member.leftSeq === null ? await chatAudience(trx, chat.id) : [me];
    emit(recipients, { type: 'receipt', chatId: chat.id, userId: me, deliveredSeq: input.seq });
  });
  return { lastDeliveredSeq: input.seq };
}
