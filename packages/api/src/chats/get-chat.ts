import { z } from 'zod';
import type { AuthedContext } from '../trpc.js';
import { buildChatView } from './chat-summary.js';
import { loadMembership } from './membership.js';

export const chatIdInput = z.object({ chatId: z.string().min(1).max(64) }).strict();

export async function getChat(ctx: AuthedContext, input: z.infer<typeof chatIdInput>) {
  const membership = await loadMembership(ctx.deps.db, input.chatId, ctx.user.id);
  return buildChatView(ctx.deps.db, membership, ctx.deps.clock.now());
}
