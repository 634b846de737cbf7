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
  const sub = user.trpc.sync.events.subscribe(lastEventId === undefined ? {} : { lastEventId }, {
    onStarted: () => markStarted(),
    onData: (data: unknown) => {
      const tracked = data as { id?: string; data?: CollectedEvent['event'] };
      if (tracked && typeof tracked === 'object' && 'id' in tracked && 'data' in tracked) events.push({ id: tracked.id ?? null, event: tracked.data! });
      else events.push({ id: null, event: data as CollectedEvent['event'] });
    },
    onError: (error) => errors.push(error),
  });
  return {
    events,
    errors,
    started,
    lastId: () => [...events].reverse().find((e) => e.id !== null)?.id ?? undefined,
    stop: () => sub.unsubscribe(),
  };
}

export function messagesOf(collector: EventCollector) {
  return collector.events.flatMap((e) => (e.event.type === 'message.new' ? [(e.event as Extract<SyncEvent, { type: 'message.new' }>).message] : []));
}
