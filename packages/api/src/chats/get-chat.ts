import { z } from 'zod';
import type { AuthedContext } from '../trpc.js';
import { buildChatView } from './chat-summary.js';
import { loadMembership } from './membership.js';
import { id } from '../lib/schemas.js';

export const chatIdInput = z.object({ chatId: id }).strict();

export async function getChat(ctx: AuthedContext, input: z.infer<typeof chatIdInput>) {
  const membership = await loadMembership(ctx.deps.db, input.chatId, ctx.user.id);
  return buildChatView(ctx.deps.db, membership, ctx.deps.clock.now());
}
