import type { SyncEvent } from '@confab/api';
import type { SignedInUser } from './sign-in.js';

export interface CollectedEvent {
  id: string | null;
  event: SyncEvent | { type: string; [key: string]: unknown };
}

export interface EventCollector {
  events: CollectedEvent[];
  /** The id of the last tracked event received. */
  lastId(): string | undefined;
  started: Promise<void>;
  stop(): void;
  errors: unknown[];
}

/** Subscribes to sync.events the way the desktop app does and records every delivery. */
export function collectEvents(user: SignedInUser, lastEventId?: string): EventCollector {
  const events: CollectedEvent[] = [];
  const errors: unknown[] = [];
  let markStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  let sub: { unsubscribe(): void } | null = null;
  let stopped = false;
  const subscribe = (from: string) => {
    if (stopped) return;
    sub = user.trpc.sync.events.subscribe({ lastEventId: from }, {
      onStarted: () => markStarted(),
      onData: (data: unknown) => {
        const tracked = data as { id?: string; data?: CollectedEvent['event'] };
        if (tracked && typeof tracked === 'object' && 'id' in tracked && 'data' in tracked) events.push({ id: tracked.id ?? null, event: tracked.data! });
        else events.push({ id: null, event: data as CollectedEvent['event'] });
      },
      onError: (error) => errors.push(error),
    });
  };
  if (lastEventId !== undefined) subscribe(lastEventId);
  else {
    // "From now on": resume from the stream's current head, so nothing committed after this
    // call can slip between the server's "started" and its bus subscription.
    user.trpc.sync.changes.query({ since: '999999999999999', limit: 1 }).then(
      (head) => subscribe(head.nextSince),
      (error: unknown) => errors.push(error),
    );
  }
  return {
    events,
    errors,
    started,
    lastId: () => [...events].reverse().find((e) => e.id !== null)?.id ?? undefined,
    stop: () => {
      stopped = true;
      sub?.unsubscribe();
    },
  };
}

export function messagesOf(collector: EventCollector) {
  return collector.events.flatMap((e) => (e.event.type === 'message.new' ? [(e.event as Extract<SyncEvent, { type: 'message.new' }>).message] : []));
}
