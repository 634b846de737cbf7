import { tracked } from '@trpc/server';
import { z } from 'zod';
import { fail } from '../errors.js';
import { AsyncQueue } from '../lib/async-queue.js';
import { channels } from '../ports/event-bus.js';
import { liveStreams } from '../devices/live-streams.js';
import { presenceTracker } from '../presence/tracker.js';
import type { AuthedContext } from '../trpc.js';
import { readEvents, streamHead } from './event-log.js';
import type { BusMessage, StreamEntry } from './event-types.js';

const PAGE = 500;
/** Safety net for a lost wake-up (a process died between commit and publish). */
// Each idle subscription reads the store once per interval, so the interval sets the idle cost
// per connected device (15 s made 1,000 reads/s at 15,000 sockets); jitter spreads them out.
const IDLE_POLL_MS = 60_000;
const idlePollMs = () => IDLE_POLL_MS * (0.8 + Math.random() * 0.4);

export const eventsInput = z
  .object({
    /** The last event id this device processed; omitted, the stream starts at the present. */
    lastEventId: z.string().regex(/^\d{1,15}$/, 'lastEventId is an event id').nullish(),
  })
  .strict()
  .default({});

type QueueItem = BusMessage | { kind: 'revoked' };

/**
 * The caller's event stream: subscribe first, then send the backlog from the store, then live
 * events. Every stored event carries its seq as the tracked id; a gap in what the bus delivers
 * is filled from the store, so each event arrives once and in order.
 */
export async function* events(ctx: AuthedContext, input: z.infer<typeof eventsInput>, signal: AbortSignal | undefined) {
  const { db, bus } = ctx.deps;
  const userId = ctx.user.id;
  const queue = new AsyncQueue<QueueItem>();
  const unsubscribeUser = await bus.subscribe(channels.user(userId), (m) => queue.push(m as BusMessage));
  const unsubscribeSession = await bus.subscribe(channels.session(ctx.user.sessionId), () => queue.push({ kind: 'revoked' }));
  // An open stream is what "online" means (presence/tracker.ts).
  const leavePresence = await presenceTracker(ctx.deps).connect(userId);
  // While it is open, this session's device gets no Web Push (notifications/push.ts).
  const leaveLiveStreams = liveStreams(ctx.deps).enter(ctx.user.sessionId);
  try {
    let last = input.lastEventId ? Number(input.lastEventId) : await streamHead(db, userId);
    const head = await streamHead(db, userId);
    // An id from the future (another user's stream, or a wiped server) restarts at the present.
    if (last > head) last = head;

    async function* fromStore(upTo: number | null) {
      for (;;) {
        const page = await readEvents(db, userId, last, PAGE);
        for (const entry of page) {
          if (upTo !== null && entry.seq > upTo) return;
          last = entry.seq;
          yield entry;
        }
        if (page.length < PAGE) return;
      }
    }

    for await (const entry of fromStore(null)) yield tracked(String(entry.seq), entry.event);

    while (!signal?.aborted) {
      const item = await queue.next(signal, idlePollMs());
      if (signal?.aborted) return;
      if (item === undefined) {
        for await (const entry of fromStore(null)) yield tracked(String(entry.seq), entry.event);
        continue;
      }
      if (item.kind === 'revoked') throw fail.unauthorized('This session has ended');
      if (item.kind === 'ephemeral') {
        yield item.event;
        continue;
      }
      for (const entry of item.entries as StreamEntry[]) {
        if (entry.seq <= last) continue;
        if (entry.seq > last + 1) {
          for await (const missed of fromStore(entry.seq - 1)) yield tracked(String(missed.seq), missed.event);
        }
        if (entry.seq !== last + 1) continue;
        last = entry.seq;
        yield tracked(String(entry.seq), entry.event);
      }
    }
  } finally {
    leaveLiveStreams();
    await Promise.allSettled([unsubscribeUser(), unsubscribeSession(), leavePresence()]);
  }
}
