import { z } from 'zod';
import type { AuthedContext } from '../trpc.js';
import { EVENT_ID_PATTERN, formatCursor, parseCursor } from './cursor.js';
import { advance, fitCursor, hasPending, loadView, readMerged } from './merged-stream.js';

export const changesInput = z
  .object({
    since: z.string().max(200_000).regex(EVENT_ID_PATTERN, 'since is an event id').default('0'),
    limit: z.number().int().min(1).max(1000).default(500),
  })
  .strict();

/**
 * The same events as `sync.events`, as pages: for a client that was away a long time. A `since`
 * whose following events were pruned (EVENT_RETENTION_DAYS) is refused: resync (errors.ts).
 */
export async function changes(ctx: AuthedContext, input: z.infer<typeof changesInput>) {
  const { db } = ctx.deps;
  // The heads first: every seq up to them is committed, so a missing one was pruned.
  const view = await loadView(db, ctx.user.id);
  const cursor = fitCursor(view, parseCursor(input.since));
  const entries = hasPending(view, cursor) ? await readMerged(db, ctx.user.id, view, cursor, input.limit) : [];
  const events = entries.map((entry) => {
    advance(cursor, entry);
    return { id: formatCursor(cursor), event: entry.event };
  });
  return { events, nextSince: formatCursor(cursor), hasMore: hasPending(view, cursor) };
}
