import { tracked } from '@trpc/server';
import { z } from 'zod';
import { fail } from '../errors.js';
import { AsyncQueue } from '../lib/async-queue.js';
import { channels } from '../ports/event-bus.js';
import { liveStreams } from '../devices/live-streams.js';
import { presenceTracker } from '../presence/tracker.js';
import type { AuthedContext } from '../trpc.js';
import { EVENT_ID_PATTERN, formatCursor, parseCursor, type Cursor } from './cursor.js';
import { advance, chatPosition, fitCursor, hasPending, inWindow, loadView, presentCursor, readMerged, type StreamView } from './merged-stream.js';
import { streamSafetyNet } from './stream-safety-net.js';
import type { BusMessage } from './event-types.js';

const PAGE = 500;

export const eventsInput = z
  .object({
    /** The last event id this device processed; omitted, the stream starts at the present. */
    lastEventId: z.string().max(200_000).regex(EVENT_ID_PATTERN, 'lastEventId is an event id').nullish(),
  })
  .strict()
  .default({});

/** `behind`: the process's safety net saw events stored past this stream's last (stream-safety-net.ts). */
type QueueItem = BusMessage | { kind: 'revoked' } | { kind: 'behind' };

/**
 * Where a stream without `lastEventId` starts: the present when the client is told "started".
 * Read by the procedure before it returns its stream (tRPC answers "started" then), so whatever
 * commits after that answer is delivered, however long the stream's own setup takes.
 */
export async function startingPoint(ctx: AuthedContext, input: z.infer<typeof eventsInput>): Promise<StreamView | null> {
  return input.lastEventId ? null : loadView(ctx.deps.db, ctx.user.id);
}

/**
 * The caller's event stream, from `present` (startingPoint) or from `input.lastEventId`:
 * subscribe first, then send the backlog from the store, then live events. The stream is the user's own events merged with their groups' chat streams, each
 * read inside the user's windows (sync/merged-stream.ts); every stored event carries the
 * position after it as the tracked id (sync/cursor.ts). A gap in what the bus delivers, or a
 * change of windows, is filled from the store, so each event arrives once and in order.
 */
export async function* events(ctx: AuthedContext, input: z.infer<typeof eventsInput>, present: StreamView | null, signal: AbortSignal | undefined) {
  const { db, bus } = ctx.deps;
  const userId = ctx.user.id;
  const queue = new AsyncQueue<QueueItem>();
  // While it is open, this session's device gets no Web Push (notifications/push.ts). Entered
  // before anything is awaited: the socket pulls this body in the same tick as it answers
  // "started", and a message stored right after that must not be pushed to the open app.
  const leaveLiveStreams = liveStreams(ctx.deps).enter(ctx.user.sessionId);
  const undo: (() => Promise<void>)[] = [];
  let unsubscribeUser: () => Promise<void>, unsubscribeSession: () => Promise<void>, leavePresence: () => Promise<void>;
  // A live event that follows on from the cursor goes out from here, at once, when the stream is
  // idle; everything else (and everything over HTTP) is queued for the loop below.
  const onMessage = (m: unknown) => {
    if (!(queue.waiting && ctx.send && sendAtOnce(m as BusMessage, ctx.send))) queue.push(m as BusMessage);
  };
  try {
    undo.push((unsubscribeUser = await bus.subscribe(channels.user(userId), onMessage)));
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
  let cursor: Cursor = { user: 0, chats: new Map() };
  let view: StreamView = { userHead: 0, chats: new Map() };
  /** Chat num → unsubscribe, for every chat stream followed live (those with an open window). */
  const following = new Map<number, () => Promise<void>>();
  const unwatch = streamSafetyNet(ctx.deps).watch({
    userId,
    last: () => cursor.user,
    chats: () => new Map([...following.keys()].flatMap((num) => (view.chats.has(num) ? [[num, chatPosition(cursor, view.chats.get(num)!)] as const] : []))),
    windows: () => [...view.chats.values()].reduce((n, chat) => n + chat.windows.length, 0),
    wake: () => queue.push({ kind: 'behind' }),
  });

  /**
   * The live path of a caught-up stream: a bus message whose stored entries each follow on from
   * the cursor (inside the windows, with no change of windows) is sent through the socket's sink
   * as the loop would yield it, without waking the loop — one group message reaches hundreds of
   * streams at once. Only while the loop waits for its queue (everything it yielded is sent); a
   * message with anything else in it is left to the loop, untouched.
   */
  function sendAtOnce(item: BusMessage, send: (value: unknown) => boolean): boolean {
    if (item.kind === 'stored') {
      let seq = cursor.user;
      for (const entry of item.entries) if (entry.seq > seq && entry.seq !== ++seq) return false;
      for (const entry of item.entries) {
        if (entry.seq <= cursor.user) continue;
        cursor.user = entry.seq;
        send(tracked(formatCursor(cursor), entry.event));
      }
      return true;
    }
    if (item.kind === 'ephemeral') {
      if (item.sessionId === undefined || item.sessionId === ctx.user.sessionId) send(item.event);
      return true;
    }
    if (item.kind !== 'chat') return false;
    const chat = view.chats.get(item.chatNum);
    if (!chat) return false;
    let pos = chatPosition(cursor, chat);
    for (const entry of item.entries) {
      if (entry.seq <= pos) continue;
      if (entry.windowsChanged || entry.seq !== ++pos || !inWindow(chat, entry.seq)) return false;
    }
    pos = chatPosition(cursor, chat);
    for (const entry of item.entries) {
      if (entry.seq <= pos) continue;
      cursor.chats.set(item.chatNum, entry.seq);
      send(tracked(formatCursor(cursor), entry.event));
    }
    return true;
  }

  /** The heads and windows now, every chat with an open window followed before its head is read. */
  async function refreshView(): Promise<StreamView> {
    let next = await loadView(db, userId);
    let added = false;
    for (const chat of next.chats.values()) {
      if (following.has(chat.num) || !chat.windows.some((w) => w.to === null)) continue;
      following.set(chat.num, await bus.subscribe(channels.chat(chat.chatId), onMessage));
      added = true;
    }
    for (const [num, unsubscribe] of following) {
      if (next.chats.get(num)?.windows.some((w) => w.to === null)) continue;
      following.delete(num);
      await unsubscribe();
    }
    // A chat followed only now: its head is read again, after the subscription is live.
    if (added) next = await loadView(db, userId);
    return next;
  }

  // Everything stored after the cursor, from the store, in pages (the heads read first bound it).
  async function* fromStore() {
    view = await refreshView();
    while (hasPending(view, cursor)) {
      const page = await readMerged(db, userId, view, cursor, PAGE);
      let windowsChanged = false;
      for (const entry of page) {
        advance(cursor, entry);
        windowsChanged ||= entry.windowsChanged;
        yield tracked(formatCursor(cursor), entry.event);
      }
      // Somebody's window moved in what was just read: the live path must know the new ones.
      if (windowsChanged) view = await refreshView();
    }
  }

  try {
    view = await refreshView();
    // An id from the future (another user's stream, or a wiped server) restarts at the present.
    cursor = present ? presentCursor(present) : fitCursor(view, parseCursor(input.lastEventId!));
    // Events after the cursor that retention pruned cannot be replayed: the client must resync.
    yield* fromStore();

    while (!signal?.aborted) {
      const item = await queue.next(signal);
      if (signal?.aborted || item === undefined) return;
      if (item.kind === 'behind' || item.kind === 'windows') {
        yield* fromStore();
        continue;
      }
      if (item.kind === 'revoked') throw fail.unauthorized('This session has ended');
      if (item.kind === 'ephemeral') {
        if (item.sessionId !== undefined && item.sessionId !== ctx.user.sessionId) continue;
        yield item.event;
        continue;
      }
      if (item.kind === 'stored') {
        for (const entry of item.entries) {
          if (entry.seq <= cursor.user) continue;
          if (entry.seq !== cursor.user + 1) {
            yield* fromStore();
            continue;
          }
          cursor.user = entry.seq;
          yield tracked(formatCursor(cursor), entry.event);
        }
        continue;
      }
      const chat = view.chats.get(item.chatNum);
      if (!chat) {
        // A chat this stream did not know it could read yet.
        yield* fromStore();
        continue;
      }
      for (const entry of item.entries) {
        const current = view.chats.get(item.chatNum);
        if (!current) break;
        const pos = chatPosition(cursor, current);
        if (entry.seq <= pos) continue;
        if (!entry.windowsChanged && entry.seq === pos + 1 && inWindow(current, entry.seq)) {
          cursor.chats.set(item.chatNum, entry.seq);
          yield tracked(formatCursor(cursor), entry.event);
          continue;
        }
        // Past the windows this stream knows, with no change of windows: not for this user.
        if (!entry.windowsChanged && !current.windows.some((w) => w.to === null)) continue;
        yield* fromStore();
      }
    }
  } finally {
    unwatch();
    leaveLiveStreams();
    await Promise.allSettled([unsubscribeUser(), unsubscribeSession(), leavePresence(), ...[...following.values()].map((u) => u())]);
  }
}
