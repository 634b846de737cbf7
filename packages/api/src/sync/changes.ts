import { z } from 'zod';
import type { AuthedContext } from '../trpc.js';
import { readEvents, streamHead } from './event-log.js';

export const changesInput = z
  .object({
    since: z.string().regex(/^\d{1,15}$/, 'since is an event id').default('0'),
    limit: z.number().int().min(1).max(1000).default(500),
  })
  .strict();

/** The same events as `sync.events`, as pages: for a client that was away a long time. */
export async function changes(ctx: AuthedContext, input: z.infer<typeof changesInput>) {
  const { db } = ctx.deps;
  const entries = await readEvents(db, ctx.user.id, Number(input.since), input.limit);
  const head = await streamHead(db, ctx.user.id);
  const lastId = entries.at(-1)?.seq ?? Math.min(Number(input.since), head);
  return {
    events: entries.map((e) => ({ id: String(e.seq), event: e.event })),
    nextSince: String(lastId),
    hasMore: lastId < head,
  };
}
