import type { Database } from '@confab/db';
import type { Transaction } from 'kysely';
import type { Deps } from '../deps.js';
import { transact, type Emit } from '../lib/transact.js';
import { channels } from '../ports/event-bus.js';
import type { BusMessage, EphemeralEvent } from '../sync/event-types.js';

/** Queues a `call.*` event for these users' connected devices; sent only after the commit. */
export type Notify = (userIds: readonly string[], event: EphemeralEvent, sessionId?: string) => void;

export interface CallChange {
  trx: Transaction<Database>;
  /** Stored events (the call's message in the chat). */
  emit: Emit;
  /** Live-only events: call state and signalling are worthless once the call is over. */
  notify: Notify;
  now: Date;
}

/**
 * Runs a change of call state in one transaction. Its `call.*` events go out after the commit,
 * to whoever is connected now, and are never stored: a device that was offline learns the
 * outcome from the call history and the chat's call message instead.
 */
export async function changeCall<T>(deps: Deps, work: (change: CallChange) => Promise<T>): Promise<T> {
  const outbox: { userIds: readonly string[]; message: BusMessage }[] = [];
  const now = deps.clock.now();
  const result = await transact(deps, (trx, emit) =>
    work({
      trx,
      emit,
      now,
      notify: (userIds, event, sessionId) => void outbox.push({ userIds, message: { kind: 'ephemeral', event, ...(sessionId ? { sessionId } : {}) } }),
    }),
  );
  await publishLive(deps, outbox);
  return result;
}

export async function publishLive(deps: Deps, outbox: readonly { userIds: readonly string[]; message: BusMessage }[]): Promise<void> {
  await Promise.all(
    outbox.flatMap(({ userIds, message }) =>
      [...new Set(userIds)].map((userId) =>
        deps.bus.publish(channels.user(userId), message).catch((error: unknown) => deps.log.warn({ err: error, userId }, 'call event not delivered')),
      ),
    ),
  );
}
