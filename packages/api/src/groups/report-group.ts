import { z } from 'zod';
import { loadMembership } from '../chats/membership.js';
import { fail } from '../errors.js';
import { newId } from '../lib/ids.js';
import { hitRateLimit, type RateLimitRule } from '../lib/rate-limit.js';
import { loadVisibleMessage } from '../messages/load-visible-message.js';
import { snapshotMessages } from '../moderation/evidence.js';
import type { AuthedContext } from '../trpc.js';
import { id } from '../lib/schemas.js';

export const GROUP_REPORTS_PER_USER: RateLimitRule = { limit: 20, windowSeconds: 60 * 60 };

export const reportGroupInput = z
  .object({
    chatId: id,
    reason: z.string().trim().min(1, 'Say what is wrong').max(1000, 'Keep the reason under 1000 characters'),
    messageIds: z.array(id).max(50, 'Attach at most 50 messages').optional(),
  })
  .strict();

/** A member (or former member) reports a group to moderators, optionally with messages they can see. */
export async function reportGroup(ctx: AuthedContext, input: z.infer<typeof reportGroupInput>) {
  const { db, clock } = ctx.deps;
  const me = ctx.user.id;
  const now = clock.now();
  const { chat } = await loadMembership(db, input.chatId, me);
  if (chat.kind !== 'group') throw fail.badRequest('This chat is not a group');
  const messageIds = [...new Set(input.messageIds ?? [])];
  const messages = [];
  for (const messageId of messageIds) {
    const { message } = await loadVisibleMessage(db, messageId, me, now);
    if (message.chatId !== chat.id) throw fail.notFound('Message');
    messages.push(message);
  }

  const limit = await hitRateLimit(db, `groups.report:${me}`, GROUP_REPORTS_PER_USER, now);
  if (!limit.allowed) throw fail.tooManyRequests('Too many reports; try again later', limit.retryAfterSeconds);
  const row = await db
    .insertInto('reports')
    .values({ id: newId(), reporterId: me, targetUserId: null, targetChatId: chat.id, reason: input.reason, messageIds: JSON.stringify(messageIds), evidence: JSON.stringify(await snapshotMessages(db, messages)), createdAt: now, resolvedAt: null, resolvedBy: null, resolution: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  ctx.deps.log.info({ event: 'groups.reported', reportId: row.id, reporterId: me, chatId: chat.id }, 'group reported');
  return { reportId: row.id };
}
