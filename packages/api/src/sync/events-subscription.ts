import { tracked } from '@trpc/server';
import { z } from 'zod';
import { fail } from '../errors.js';
import { AsyncQueue } from '../lib/async-queue.js';
import { channels } from '../ports/event-bus.js';
import { liveStreams } from '../devices/live-streams.js';
import { presenceTracker } from '../presence/tracker.js';
import type { AuthedContext } from '../trpc.js';
import { readEvents, streamHead } from './event-log.js';
import { streamSafetyNet } from './stream-safety-net.js';
import { assertContinues } from './stream-gap.js';
import type { BusMessage, StreamEntry } from './event-types.js';

const PAGE = 500;

export const eventsInput = z
  .object({
    /** The last event id this device processed; omitted, the stream starts at the present. */
    lastEventId: z.string().regex(/^\d{1,15}$/, 'lastEventId is an event id').nullish(),
  })
  .strict()
  .default({});

/** `behind`: the process's safety net saw events stored past this stream's last (stream-safety-net.ts). */
type QueueItem = BusMessage | { kind: 'revoked' } | { kind: 'behind' };

/**
 * The caller's event stream: subscribe first, then send the backlog from the store, then live
 * events. Every stored event carries its seq as the tracked id; a gap in what the bus delivers
 * is filled from the store, so each event arrives once and in order.
 */
export async function* events(ctx: AuthedContext, input: z.infer<typeof eventsInput>, signal: AbortSignal | undefined) {
  const { db, bus } = ctx.deps;
  const userId = ctx.user.id;
  const queue = new AsyncQueue<QueueItem>();
  // While it is open, this session's device gets no Web Push (notifications/push.ts). Entered
  // before anything is awaited: the client hears "started" as this body begins, and a message
  // stored right after that must not be pushed to the device that has the app open.
  const leaveLiveStreams = liveStreams(ctx.deps).enter(ctx.user.sessionId);
  const undo: (() => Promise<void>)[] = [];
  let unsubscribeUser: () => Promise<void>, unsubscribeSession: () => Promise<void>, leavePresence: () => Promise<void>;
  try {
    undo.push((unsubscribeUser = await bus.subscribe(channels.user(userId), (m) => queue.push(m as BusMessage))));
    // Over a WebSocket the socket's sign-in watches the session (once per session) and closes the
    // socket when it ends, which ends this stream; over HTTP the stream watches it itself.
    unsubscribeSession = ctx.connection ? async () => undefined : await bus.subscribe(channels.session(ctx.user.sessionId), () => queue.push({ kind: 'revoked' }));
    undo.push(unsubscribeSession);
    // An open stream is what "online" means (presence/tracker.ts).
    leavePresence = await presenceTracker(ctx.deps).connect(userId);
  } catch (error) {
    leaveLiveStreams();
    await Promise.allSettled(undo.map((step) => step()));
    throw error;
  }
  let last = 0;
  const unwatch = streamSafetyNet(ctx.deps).watch({ userId, last: () => last, wake: () => queue.push({ kind: 'behind' }) });
  try {
    last = input.lastEventId ? Number(input.lastEventId) : await streamHead(db, userId);
    const head = await streamHead(db, userId);
    // An id from the future (another user's stream, or a wiped server) restarts at the present.
    if (last > head) last = head;

    // Events after `last` that retention pruned cannot be replayed: the client must resync.
    async function* fromStore(upTo: number | null) {
      for (;;) {
        const page = await readEvents(db, userId, last, PAGE);
        assertContinues(last, last, page);
        for (const entry of page) {
          if (upTo !== null && entry.seq > upTo) return;
          last = entry.seq;
          yield entry;
        }
        if (page.length < PAGE) return;
      }
    }

    for await (const entry of fromStore(null)) yield tracked(String(entry.seq), entry.event);
    assertContinues(last, head, []);

    while (!signal?.aborted) {
      const item = await queue.next(signal);
      if (signal?.aborted || item === undefined) return;
      if (item.kind === 'behind') {
        for await (const entry of fromStore(null)) yield tracked(String(entry.seq), entry.event);
        continue;
      }
      if (item.kind === 'revoked') throw fail.unauthorized('This session has ended');
      if (item.kind === 'ephemeral') {
        if (item.sessionId !== undefined && item.sessionId !== ctx.user.sessionId) continue;
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
    unwatch();
    leaveLiveStreams();
    await Promise.allSettled([unsubscribeUser(), unsubscribeSession(), leavePresence()]);
  }
}
