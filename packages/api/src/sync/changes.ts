import { z } from 'zod';
import type { AuthedContext } from '../trpc.js';
import { readEvents, streamHead } from './event-log.js';
import { assertContinues } from './stream-gap.js';

export const changesInput = z
  .object({
    since: z.string().regex(/^\d{1,15}$/, 'since is an event id').default('0'),
    limit: z.number().int().min(1).max(1000).default(500),
  })
  .strict();

/**
 * The same events as `sync.events`, as pages: for a client that was away a long time. A `since`
 * whose following events were pruned (EVENT_RETENTION_DAYS) is refused: resync (errors.ts).
 */
export async function changes(ctx: AuthedContext, input: z.infer<typeof changesInput>) {
  const { db } = ctx.deps;
  // The head first: every seq up to it is committed, so a missing one was pruned.
  const head = await streamHead(db, ctx.user.id);
  const since = Math.min(Number(input.since), head);
  const entries = await readEvents(db, ctx.user.id, since, input.limit);
  assertContinues(since, head, entries);
  const lastId = entries.at(-1)?.seq ?? since;
  return {
    events: entries.map((e) => ({ id: String(e.seq), event: e.event })),
    nextSince: String(lastId),
    hasMore: lastId < head,
  };
}
