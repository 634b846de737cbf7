import type { EphemeralEvent, SyncEvent } from '@confab/api';
import type { ApiClient } from './transport.js';

export interface StreamHandlers {
  /** A stored event with its id; apply it and its id together. */
  onEvent(id: string, event: SyncEvent): void;
  /** typing / presence: not stored, not tracked. */
  onEphemeral(event: EphemeralEvent): void;
  onStarted(): void;
  /** The stream broke (socket lost, server error, or it ended). */
  onLost(error: unknown): void;
}

const isTracked = (data: unknown): data is { id: string; data: SyncEvent } =>
  typeof data === 'object' && data !== null && 'id' in data && 'data' in data;

/** Subscribes to sync.events after `lastEventId` (null: from the present). */
export function subscribeEvents(client: ApiClient, lastEventId: string | null, handlers: StreamHandlers): { stop(): void } {
  let done = false;
  const lost = (error: unknown) => {
    if (done) return;
    done = true;
    handlers.onLost(error);
  };
  const subscription = client.sync.events.subscribe(
    { lastEventId },
    {
      onStarted: () => handlers.onStarted(),
      onData: (data: unknown) => {
        if (isTracked(data)) handlers.onEvent(String(data.id), data.data);
        else handlers.onEphemeral(data as EphemeralEvent);
      },
      onError: (error) => lost(error),
      onConnectionStateChange: (state) => {
        if (state.state === 'connecting' && state.error) lost(state.error);
      },
      onStopped: () => lost(new Error('The event stream stopped')),
      onComplete: () => lost(new Error('The event stream ended')),
    },
  );
  return {
    stop: () => {
      done = true;
      subscription.unsubscribe();
    },
  };
}
