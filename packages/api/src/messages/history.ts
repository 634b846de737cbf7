import { z } from 'zod';
import { loadMembership, visibleRange } from '../chats/membership.js';
import type { AuthedContext } from '../trpc.js';
import { messageViews } from './messages.repo.js';
import { id } from '../lib/schemas.js';

export const historyInput = z
  .object({
    chatId: id,
    beforeSeq: z.number().int().min(1).optional(),
    afterSeq: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict()
  .refine((i) => i.beforeSeq === undefined || i.afterSeq === undefined, { message: 'Use beforeSeq or afterSeq, not both' });

/**
 * A page of the messages the caller may see, oldest first. Without a cursor, the newest page;
 * `beforeSeq` pages back, `afterSeq` pages forward.
 */
export async function history(ctx: AuthedContext, input: z.infer<typeof historyInput>) {
  const { db, clock } = ctx.deps;
  const { member } = await loadMembership(db, input.chatId, ctx.user.id);
  const { after, upTo } = visibleRange(member);
  const now = clock.now();
  const forward = input.afterSeq !== undefined;

  const rows = await db
    .selectFrom('messages')
    .selectAll()
    .where('chatId', '=', input.chatId)
    .where('seq', '>', Math.max(after, input.afterSeq ?? 0))
    .$if(upTo !== null, (q) => q.where('seq', '<=', upTo!))
    .$if(input.beforeSeq !== undefined, (q) => q.where('seq', '<', input.beforeSeq!))
    .where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', now)]))
    .where('id', 'not in', db.selectFrom('hiddenMessages').select('messageId').where('userId', '=', ctx.user.id))
    .orderBy('seq', forward ? 'asc' : 'desc')
    .limit(input.limit + 1)
    .execute();

  const hasMore = rows.length > input.limit;
  const page = rows.slice(0, input.limit);
  if (!forward) page.reverse();
  return { messages: await messageViews(db, page, now), hasMore };
}
