import { z } from 'zod';
import { fail } from '../errors.js';
import { transact } from '../lib/transact.js';
import { readReceiptPartners } from '../settings/privacy.js';
import type { AuthedContext } from '../trpc.js';
import { activeMemberIds, loadMembership } from './membership.js';
import { recordReceiptMark } from './receipts.repo.js';
import { id } from '../lib/schemas.js';

export const markReadInput = z.object({ chatId: id, seq: z.number().int().min(0) }).strict();

/**
 * Moves the caller's read mark forward (never back). The caller's own devices always hear it
 * (unread counts); other members see read ticks only where read receipts are shared both ways
 * (settings privacy.readReceipts), and otherwise just the delivery.
 */
export async function markRead(ctx: AuthedContext, input: z.infer<typeof markReadInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  const { chat, member } = await loadMembership(deps.db, input.chatId, me);
  const newest = member.leftSeq ?? chat.lastSeq;
  if (input.seq > newest) throw fail.badRequest(`seq ${input.seq} is past the newest message (${newest})`);
  if (input.seq <= member.lastReadSeq) return { lastReadSeq: member.lastReadSeq };
  const now = deps.clock.now();

  await transact(deps, async (trx, emit) => {
    await trx
      .updateTable('chatMembers')
      .set((eb) => ({ lastReadSeq: eb.fn('greatest', ['lastReadSeq', eb.val(input.seq)]), lastDeliveredSeq: eb.fn('greatest', ['lastDeliveredSeq', eb.val(input.seq)]) }))
      .where('chatId', '=', chat.id)
      .where('userId', '=', me)
      .execute();
    await recordReceiptMark(trx, { chatId: chat.id, userId: me, kind: 'read', seq: input.seq, at: now });
    const others = member.leftSeq === null ? (await activeMemberIds(trx, chat.id)).filter((id) => id !== me) : [];
    const partners = await readReceiptPartners(trx, me, others);
    const read = { type: 'receipt', chatId: chat.id, userId: me, readSeq: input.seq, deliveredSeq: input.seq } as const;
    emit([me, ...partners], read);
    const deliveredOnly = others.filter((id) => !partners.has(id));
    if (deliveredOnly.length > 0 && input.seq > member.lastDeliveredSeq) emit(deliveredOnly, { type: 'receipt', chatId: chat.id, userId: me, deliveredSeq: input.seq });
  });
  return { lastReadSeq: input.seq };
}
