import { z } from 'zod';
import { fail } from '../errors.js';
import { newId } from '../lib/ids.js';
import { hitRateLimit, type RateLimitRule } from '../lib/rate-limit.js';
import { loadVisibleMessage } from '../messages/load-visible-message.js';
import { snapshotMessages } from '../moderation/evidence.js';
import type { AuthedContext } from '../trpc.js';
import { loadUser } from './users.repo.js';
import { id } from '../lib/schemas.js';

export const REPORTS_PER_USER: RateLimitRule = { limit: 20, windowSeconds: 60 * 60 };

export const reportInput = z
  .object({
    userId: id,
    reason: z.string().trim().min(1, 'Say what is wrong').max(1000, 'Keep the reason under 1000 characters'),
    messageIds: z.array(id).max(50, 'Attach at most 50 messages').optional(),
  })
  .strict();

/**
 * Files a report for moderators. Attached messages must be ones the reporter can see, so a
 * report cannot be used to probe for message ids. They are kept as they are now, so an edit or
 * a deletion afterwards does not hide from the moderator what was reported.
 */
export async function report(ctx: AuthedContext, input: z.infer<typeof reportInput>) {
  const { db, clock } = ctx.deps;
  const me = ctx.user.id;
  const now = clock.now();
  if (input.userId === me) throw fail.badRequest('You cannot report yourself');
  const target = await loadUser(db, input.userId);
  const messageIds = [...new Set(input.messageIds ?? [])];
  const messages = [];
  for (const messageId of messageIds) messages.push((await loadVisibleMessage(db, messageId, me, now)).message);

  const limit = await hitRateLimit(db, `users.report:${me}`, REPORTS_PER_USER, now);
  if (!limit.allowed) throw fail.tooManyRequests('Too many reports; try again later', limit.retryAfterSeconds);

  const row = await db
    .insertInto('reports')
    .values({ id: newId(), reporterId: me, targetUserId: target.id, targetChatId: null, reason: input.reason, messageIds: JSON.stringify(messageIds), evidence: JSON.stringify(await snapshotMessages(db, messages)), createdAt: now, resolvedAt: null, resolvedBy: null, resolution: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  ctx.deps.log.info({ event: 'users.reported', reportId: row.id, reporterId: me, targetUserId: target.id }, 'user reported');
  return { reportId: row.id };
}
