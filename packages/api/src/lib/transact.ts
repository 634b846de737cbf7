import type { Database } from '@confab/db';
import type { Transaction } from 'kysely';
import type { Deps } from '../deps.js';
import { channels } from '../ports/event-bus.js';
import { appendEvents, type AppendedEvents, type PendingEvent } from '../sync/event-log.js';
import type { BusMessage, SyncEvent } from '../sync/event-types.js';

export type Emit = (recipients: readonly string[], event: SyncEvent) => void;

/**
 * Runs a change and stores the events describing it in the same transaction; only after the
 * commit are subscribers woken. A crash in between loses nothing: the events are stored and
 * reach their users on the next wake-up or reconnect.
 */
export async function transact<T>(deps: Deps, work: (trx: Transaction<Database>, emit: Emit) => Promise<T>): Promise<T> {
  let appended: AppendedEvents[] = [];
  const result = await deps.db.transaction().execute(async (trx) => {
    const pending: PendingEvent[] = [];
    const value = await work(trx, (recipients, event) => pending.push({ recipients, event }));
    appended = await appendEvents(trx, pending, deps.clock.now());
    return value;
  });
  await publishAppended(deps, appended);
  return result;
}

export async function publishAppended(deps: Deps, appended: readonly AppendedEvents[]): Promise<void> {
  await Promise.all(
    appended.map(({ userId, entries }) =>
      deps.bus.publish(channels.user(userId), { kind: 'stored', entries } satisfies BusMessage).catch((error: unknown) => {
        deps.log.warn({ err: error, userId }, 'publish failed; subscriber will catch up from the store');
      }),
    ),
  );
}
