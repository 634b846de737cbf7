import { z } from 'zod';
import { fail } from '../errors.js';
import type { AuthedContext } from '../trpc.js';
import { loadVisiblePoll, pollResults } from './polls.repo.js';
import { id } from '../lib/schemas.js';

export const pollIdInput = z.object({ pollId: id }).strict();

/**
 * Current counts and voters. Votes keep changing after someone leaves the chat, and they may
 * not see what happens after they left, so former members get FORBIDDEN.
 */
export async function results(ctx: AuthedContext, input: z.infer<typeof pollIdInput>) {
  const { db, clock } = ctx.deps;
  const { poll, active } = await loadVisiblePoll(db, input.pollId, ctx.user.id, clock.now());
  if (!active) throw fail.forbidden('You are no longer a member of this chat');
  const current = await pollResults(db, poll);
  const myOptionIds = current.options.filter((o) => o.voterIds.includes(ctx.user.id)).map((o) => o.id);
  return { ...current, myOptionIds };
}
