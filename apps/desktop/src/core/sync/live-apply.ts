import type { SyncEvent } from '@confab/api';
import type { Cache } from '../cache/cache.js';
import type { ChangeSet } from '../cache/change-set.js';
import { StateKeys } from '../cache/state.repo.js';
import { applyPage } from './catch-up.js';

export interface LiveApplierDeps {
  cache: Cache;
  me: string;
  now: () => Date;
  onChanges(changes: ChangeSet): void;
  log(message: string, error?: unknown): void;
}

/** Past this many waiting events a batch is applied at once, so one transaction stays small. */
const MAX_BATCH = 1000;

/**
 * Applies what the live stream delivers. Events that arrive together (a socket read holds many
 * when the server replays a backlog) are applied in one transaction with the last id, on the
 * next turn of the event loop: one durable commit per batch instead of one per event, which
 * bounded a replay over the socket to a few hundred events a second. Until a batch is applied
 * its ids are not stored, so a crash meanwhile replays them, as before.
 */
export class LiveApplier {
  private pending: { id: string; event: SyncEvent }[] = [];
  private scheduled: NodeJS.Immediate | null = null;
  private idle: (() => void)[] = [];

  constructor(private readonly deps: LiveApplierDeps) {}

  push(id: string, event: SyncEvent): void {
    this.pending.push({ id, event });
    if (this.pending.length >= MAX_BATCH) this.flush();
    else this.scheduled ??= setImmediate(() => this.flush());
  }

  /** Applies what is waiting now (before the stream closes, so nothing received is dropped). */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    const batch = this.pending;
    this.pending = [];
    if (batch.length > 0) this.apply(batch);
    for (const resolve of this.idle.splice(0)) resolve();
  }

  /** Resolves once everything pushed so far is applied. */
  flushed(): Promise<void> {
    if (this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private apply(batch: readonly { id: string; event: SyncEvent }[]): void {
    try {
      applyPage(this.deps, batch, batch.at(-1)!.id);
    } catch (error) {
      // One bad event rolled the batch back: apply them one by one, so only it is lost.
      if (batch.length === 1) return this.skip(batch[0]!, error);
      for (const entry of batch) {
        try {
          applyPage(this.deps, [entry], entry.id);
        } catch (single) {
          this.skip(entry, single);
        }
      }
    }
  }

  /** A poison event must not stall sync forever: it is skipped, and the rest keeps flowing. */
  private skip(entry: { id: string; event: SyncEvent }, error: unknown): void {
    this.deps.log(`could not apply event ${entry.id} (${entry.event.type}); skipped`, error);
    this.deps.cache.state.set(StateKeys.lastEventId, entry.id);
  }
}
