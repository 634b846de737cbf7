import { randomUUID } from 'node:crypto';
import type { Deps } from '../deps.js';
import { announcePresence } from './announce.js';
import { onlineElsewhere, removeDeadProcesses, stampHeartbeat } from './presence.repo.js';
import { lockUser } from '../lib/locks.js';
import { channels } from '../ports/event-bus.js';

/** How long after an outage a user whose change was missed is told again on every resync. */
const RETELL_WINDOW_MS = 30_000;

/**
 * Who is online: a user with at least one open `sync.events` stream. Each process counts its
 * own streams per user in memory and keeps one row per (user, process) in presence_connections
 * while the count is above zero, so every process (behind Redis) can tell whether a user is
 * online anywhere. Going from offline to online anywhere, or back, is announced; going
 * offline everywhere stamps users.last_seen_at.
 */
export class PresenceTracker {
  readonly processId = randomUUID();
  private readonly counts = new Map<string, number>();
  /** Users whose row this process has written. */
  private readonly written = new Set<string>();
  /** One reconcile at a time per user, so rows and announcements follow the counts in order. */
  private readonly queues = new Map<string, Promise<void>>();
  /** Users whose last change could not be announced (the bus was down): told again once it is back. */
  private readonly unannounced = new Set<string>();
  /**
   * Users told again after an outage, with when: told once more whenever another process says
   * its bus is back (the resync channel), since its subscriber may have been away when this
   * process's publisher returned. Announcing the current state twice is harmless.
   */
  private readonly retold = new Map<string, number>();
  /** This process's heartbeat row is written (see register). */
  private registered: Promise<void> | null = null;

  constructor(private readonly deps: Deps) {
    deps.bus.onReconnect?.(() => void this.announceMissed());
    deps.bus.subscribe(channels.resync(), () => void this.announceMissed()).catch((error: unknown) => deps.log.warn({ err: error }, 'resync channel not subscribed'));
  }

  /**
   * A stream opened; resolves once the user is recorded as online, with the function to call
   * once when the stream closes.
   */
  async connect(userId: string): Promise<() => Promise<void>> {
    this.counts.set(userId, (this.counts.get(userId) ?? 0) + 1);
    await this.reconcile(userId);
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      const left = (this.counts.get(userId) ?? 1) - 1;
      if (left > 0) this.counts.set(userId, left);
      else this.counts.delete(userId);
      await this.reconcile(userId);
    };
  }

  isConnectedHere(userId: string): boolean {
    return (this.counts.get(userId) ?? 0) > 0;
  }

  async isOnline(userId: string): Promise<boolean> {
    return this.isConnectedHere(userId) || onlineElsewhere(this.deps.db, userId, this.processId, this.deps.clock.now());
  }

  /** Resolves once every pending row change has been applied (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.queues.size > 0) await Promise.allSettled([...this.queues.values()]);
  }

  /**
   * Stamps this process's heartbeat (one row, however many streams it holds), and cleans up
   * after processes that died: their rows are removed and their users, if online nowhere
   * else, are announced as gone. A process that was itself taken for dead (paused past the
   * stale limit) writes its rows again and announces its users online again.
   */
  async heartbeat(): Promise<void> {
    const { db, clock } = this.deps;
    const now = clock.now();
    const wasKnown = await stampHeartbeat(db, this.processId, now);
    this.registered = Promise.resolve();
    if (!wasKnown && this.written.size > 0) await this.rewriteRows();
    for (const { userId, lastHeard } of await removeDeadProcesses(db, now)) {
      if (await this.isOnline(userId)) continue;
      await this.markGone(userId, lastHeard);
    }
  }

  /** At shutdown, once its streams are closed: the process's heartbeat row goes too. */
  async retire(): Promise<void> {
    await this.settled();
    await this.deps.db.deleteFrom('presenceProcesses').where('processId', '=', this.processId).execute();
    this.registered = null;
  }

  /** Once per process: its heartbeat row exists before its first presence row does. */
  private register(): Promise<void> {
    this.registered ??= stampHeartbeat(this.deps.db, this.processId, this.deps.clock.now()).then(
      () => undefined,
      (error: unknown) => {
        this.registered = null;
        throw error;
      },
    );
    return this.registered;
  }

  private async rewriteRows(): Promise<void> {
    const users = [...this.written];
    await this.deps.db
      .insertInto('presenceConnections')
      .values(users.map((userId) => ({ userId, processId: this.processId })))
      .onConflict((oc) => oc.columns(['userId', 'processId']).doNothing())
      .execute();
    for (const userId of users) await this.announce(userId, true, null).catch((error: unknown) => this.deps.log.warn({ err: error, userId }, 'presence not announced again'));
  }

  private reconcile(userId: string): Promise<void> {
    const previous = this.queues.get(userId) ?? Promise.resolve();
    const next = previous
      .then(() => this.apply(userId))
      .catch((error: unknown) => this.deps.log.warn({ err: error, userId }, 'presence update failed'))
      .finally(() => {
        if (this.queues.get(userId) === next) this.queues.delete(userId);
      });
    this.queues.set(userId, next);
    return next;
  }

  /**
   * Brings this process's row in line with its count. The user's row is locked meanwhile, so
   * two processes changing the same user's presence take turns and each sees the other's row:
   * one cannot announce "offline" while the other is just coming online.
   */
  private async apply(userId: string): Promise<void> {
    const { db, clock } = this.deps;
    const wanted = this.isConnectedHere(userId);
    if (wanted === this.written.has(userId)) return;
    if (wanted) await this.register();
    const now = clock.now();
    const elsewhere = await db.transaction().execute(async (trx) => {
      await lockUser(trx, userId);
      const other = await onlineElsewhere(trx, userId, this.processId, now);
      if (wanted) {
        await trx
          .insertInto('presenceConnections')
          .values({ userId, processId: this.processId })
          .onConflict((oc) => oc.columns(['userId', 'processId']).doNothing())
          .execute();
      } else {
        await trx.deleteFrom('presenceConnections').where('userId', '=', userId).where('processId', '=', this.processId).execute();
        if (!other) await trx.updateTable('users').set({ lastSeenAt: now }).where('id', '=', userId).execute();
      }
      return other;
    });
    if (wanted) this.written.add(userId);
    else this.written.delete(userId);
    if (!elsewhere) await this.announce(userId, wanted, wanted ? null : now);
  }

  private async markGone(userId: string, at: Date): Promise<void> {
    await this.deps.db.updateTable('users').set({ lastSeenAt: at }).where('id', '=', userId).execute();
    await this.announce(userId, false, at);
  }

  private async announce(userId: string, online: boolean, lastSeenAt: Date | null): Promise<void> {
    this.unannounced.delete(userId);
    try {
      await announcePresence(this.deps, userId, online, lastSeenAt);
    } catch (error) {
      this.unannounced.add(userId);
      throw error;
    }
  }

  /**
   * The bus is back: each user whose change was not heard is announced as they are now (in
   * the user's reconcile queue, so it cannot overtake a newer change).
   */
  private async announceMissed(): Promise<void> {
    const now = this.deps.clock.now().getTime();
    for (const [userId, at] of this.retold) if (now - at > RETELL_WINDOW_MS) this.retold.delete(userId);
    const users = new Set([...this.unannounced, ...this.retold.keys()]);
    this.unannounced.clear();
    for (const userId of users) {
      if (!this.retold.has(userId)) this.retold.set(userId, now);
      const previous = this.queues.get(userId) ?? Promise.resolve();
      const next = previous
        .then(async () => {
          if (this.unannounced.has(userId)) return; // a newer change failed again: the next reconnect tells it
          const online = await this.isOnline(userId);
          const user = await this.deps.db.selectFrom('users').select('lastSeenAt').where('id', '=', userId).executeTakeFirst();
          await this.announce(userId, online, online || !user?.lastSeenAt ? null : new Date(user.lastSeenAt));
        })
        .catch((error: unknown) => this.deps.log.warn({ err: error, userId }, 'missed presence not announced'))
        .finally(() => {
          if (this.queues.get(userId) === next) this.queues.delete(userId);
        });
      this.queues.set(userId, next);
    }
  }
}

const trackers = new WeakMap<Deps, PresenceTracker>();

/** The tracker of this process (one per set of deps, so several test servers in one process stay apart). */
export function presenceTracker(deps: Deps): PresenceTracker {
  let tracker = trackers.get(deps);
  if (!tracker) {
    tracker = new PresenceTracker(deps);
    trackers.set(deps, tracker);
  }
  return tracker;
}
