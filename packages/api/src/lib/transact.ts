import type { Database } from '@confab/db';
import { sql, type Transaction } from 'kysely';
import type { Deps } from '../deps.js';
import { pushAppended } from '../notifications/push.js';
import { appendEvents, nothingAppended, type Appended, type AppendedEvents, type ChatAudience, type PendingEvent } from '../sync/event-log.js';
import { channels } from '../ports/event-bus.js';
import type { SyncEvent } from '../sync/event-types.js';

/** To users by id, or to a chat's current members (`chatAudience`): a group's then go to its stream, once. */
export type Emit = (recipients: readonly string[] | ChatAudience, event: SyncEvent) => void;
export type Work<T> = (trx: Transaction<Database>, emit: Emit) => Promise<T>;

/**
 * Runs a change and stores the events describing it in the same transaction; only after the
 * commit are subscribers woken. A crash in between loses nothing: the events are stored and
 * reach their users on the next wake-up or reconnect.
 */
export async function transact<T>(deps: Deps, work: Work<T>): Promise<T> {
  let appended: Appended = nothingAppended();
  const result = await deps.db.transaction().execute(async (trx) => {
    const pending: PendingEvent[] = [];
    const value = await work(trx, (recipients, event) => pending.push({ recipients, event }));
    appended = await appendEvents(trx, pending, deps.clock.now());
    return value;
  });
  await publishAppended(deps, appended);
  return result;
}

interface Queued {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Each item of a batch writes under its own savepoint, i.e. a subtransaction; Postgres tracks
 * up to 64 of them per transaction cheaply, so a batch stays below that.
 */
const MAX_BATCH = 50;
const waitingByDeps = new WeakMap<Deps, Map<string, Queued[]>>();

/**
 * `transact` for changes that all take the same lock first (a chat's row, for its messages).
 * While one such transaction runs, later ones with the same key wait, then run together in one
 * transaction: the lock is taken once, and their events are appended in one `appendEvents`, so
 * a 1,000-member group's stream rows are locked and advanced once per batch, not per message.
 *
 * Each change keeps its own outcome: it runs under a savepoint, and one that throws is rolled
 * back alone and rejects alone, its events dropped. The changes run one after another in
 * arrival order inside the transaction, so each sees the ones before it (seqs stay gapless, a
 * repeated clientId finds the earlier row) and re-checks what it checks under the lock.
 */
export function transactCoalesced<T>(deps: Deps, key: string, work: Work<T>): Promise<T> {
  let waiting = waitingByDeps.get(deps);
  if (!waiting) {
    waiting = new Map();
    waitingByDeps.set(deps, waiting);
  }
  const byKey = waiting;
  return new Promise<T>((resolve, reject) => {
    const item: Queued = { work, resolve: resolve as (value: unknown) => void, reject };
    const queue = byKey.get(key);
    if (queue) {
      queue.push(item);
      return;
    }
    // Nothing running for this key: this change runs at once, and whoever comes meanwhile waits.
    byKey.set(key, []);
    void drain(deps, byKey, key, [item]);
  });
}

/** Whether changes under this key are running or waiting in `transactCoalesced`. */
export function isCoalescing(deps: Deps, key: string): boolean {
  return waitingByDeps.get(deps)?.has(key) ?? false;
}

async function drain(deps: Deps, byKey: Map<string, Queued[]>, key: string, first: Queued[]): Promise<void> {
  let batch = first;
  while (batch.length > 0) {
    try {
      await runBatch(deps, batch);
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
    const queue = byKey.get(key)!;
    batch = queue.splice(0, MAX_BATCH);
    if (batch.length === 0) byKey.delete(key);
  }
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

async function runBatch(deps: Deps, batch: readonly Queued[]): Promise<void> {
  // Alone, a change runs exactly as `transact` runs it: no savepoint to pay for.
  if (batch.length === 1) {
    const only = batch[0]!;
    await transact(deps, only.work).then(only.resolve, only.reject);
    return;
  }
  let outcomes: Outcome[] = [];
  let appended: Appended = nothingAppended();
  try {
    await deps.db.transaction().execute(async (trx) => {
      outcomes = [];
      const pending: PendingEvent[] = [];
      for (const item of batch) {
        const own: PendingEvent[] = [];
        await sql`savepoint coalesced_item`.execute(trx);
        try {
          const value = await item.work(trx, (recipients, event) => own.push({ recipients, event }));
          await sql`release savepoint coalesced_item`.execute(trx);
          pending.push(...own);
          outcomes.push({ ok: true, value });
        } catch (error) {
          await sql`rollback to savepoint coalesced_item`.execute(trx);
          outcomes.push({ ok: false, error });
        }
      }
      appended = await appendEvents(trx, pending, deps.clock.now());
    });
  } catch {
    // The batch failed as a whole (the shared append or the commit), so nothing of it was
    // stored: each change runs again on its own, and a failure fails only the one it belongs to.
    for (const item of batch) await transact(deps, item.work).then(item.resolve, item.reject);
    return;
  }
  await publishAppended(deps, appended);
  outcomes.forEach((outcome, i) => (outcome.ok ? batch[i]!.resolve(outcome.value) : batch[i]!.reject(outcome.error)));
}

export async function publishAppended(deps: Deps, appended: Appended): Promise<void> {
  // Devices with no open app hear about it by Web Push; never waited for, never fails the change.
  if (deps.push) void pushAppended(deps, forEachRecipient(appended)).catch((error: unknown) => deps.log.warn({ err: error }, 'push dispatch failed'));
  // Whoever can now read a chat stream reads it from the store, with this commit's other events
  // in their stored order (sync/events-subscription.ts): told first, so that what follows live
  // finds it has been read already.
  await Promise.all(
    appended.opened.map((userId) =>
      deps.bus.publish(channels.user(userId), { kind: 'windows' }).catch((error: unknown) => deps.log.warn({ err: error }, 'windows wake-up not published; the safety net finds it')),
    ),
  );
  // One publish for the whole commit: a group message's event is serialised once, not per member.
  const chats = appended.chats.map(({ chatId, chatNum, entries }) => ({ chatId, chatNum, entries: entries.map(({ seq, event, windowsChanged }) => ({ seq, event, ...(windowsChanged ? { windowsChanged } : {}) })) }));
  await deps.bus.publishStored(appended.users, chats).catch((error: unknown) => {
    deps.log.warn({ err: error, users: appended.users.length, chats: chats.length }, 'publish failed; subscribers will catch up from the store');
  });
}

/** Each recipient's share of a commit, chat streams included (Web Push looks at it per user). */
function forEachRecipient(appended: Appended): AppendedEvents[] {
  if (appended.chats.length === 0) return appended.users;
  const byUser = new Map<string, AppendedEvents>(appended.users.map((a) => [a.userId, { userId: a.userId, entries: [...a.entries] }]));
  for (const chat of appended.chats) {
    for (const entry of chat.entries) {
      for (const userId of entry.recipients) {
        let mine = byUser.get(userId);
        if (!mine) byUser.set(userId, (mine = { userId, entries: [] }));
        mine.entries.push({ seq: entry.seq, event: entry.event });
      }
    }
  }
  return [...byUser.values()];
}
