import { sql } from 'kysely';
import { z } from 'zod';
import { fail } from '../errors.js';
import { readReceiptPartners } from '../settings/privacy.js';
import type { AuthedContext } from '../trpc.js';
import { loadVisibleMessage } from './load-visible-message.js';
import { id } from '../lib/schemas.js';

export const receiptsInput = z.object({ messageId: id }).strict();

/**
 * "Message info" for the author: for each member who could receive the message, when it
 * reached one of their devices and when they read it (read times only where read receipts are
 * shared both ways).
 */
export async function messageReceipts(ctx: AuthedContext, input: z.infer<typeof receiptsInput>) {
  const { db, clock } = ctx.deps;
  const me = ctx.user.id;
  const { message } = await loadVisibleMessage(db, input.messageId, me, clock.now());
  if (message.senderId !== me) throw fail.forbidden('Only the author sees who received and read a message');

  const recipients = await db
    .selectFrom('chatMembers')
    .select('userId')
    .where('chatId', '=', message.chatId)
    .where('userId', '!=', me)
    .where('joinedSeq', '<', message.seq)
    .where((eb) => eb.or([eb('leftSeq', 'is', null), eb('leftSeq', '>=', message.seq)]))
    .execute();
  const ids = recipients.map((r) => r.userId);
  const marks = ids.length
    ? await db
        .selectFrom('receiptMarks')
        .select(['userId', 'kind', sql<Date>`min(at)`.as('at')])
        .where('chatId', '=', message.chatId)
        .where('userId', 'in', ids)
        .where('seq', '>=', message.seq)
        .groupBy(['userId', 'kind'])
        .execute()
    : [];
  const partners = await readReceiptPartners(db, me, ids);
  const iso = (d: Date | string | undefined) => (d === undefined ? null : new Date(d).toISOString());

  const receipts = ids.map((userId) => {
    const read = marks.find((m) => m.userId === userId && m.kind === 'read')?.at;
    const delivered = marks.find((m) => m.userId === userId && m.kind === 'delivered')?.at;
    // Reading implies delivery: the earlier of the two marks is when it arrived.
    const arrived = [read, delivered].filter((d) => d !== undefined).map((d) => new Date(d!).getTime());
    return {
      userId,
      deliveredAt: arrived.length ? new Date(Math.min(...arrived)).toISOString() : null,
      readAt: partners.has(userId) ? iso(read) : null,
    };
  });
  return { messageId: message.id, receipts };
}
