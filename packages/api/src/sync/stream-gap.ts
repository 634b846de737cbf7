import { fail } from '../errors.js';
import type { StreamEntry } from './event-types.js';

/**
 * A user's stream has no gaps except what retention pruned (sync/prune-events.ts). Reading
 * after `last` with the head read first (so every seq up to it is committed), the entries must
 * start at `last + 1` and follow on; otherwise the events the client needs are gone and it
 * must load its state again.
 */
export function assertContinues(last: number, head: number, entries: readonly StreamEntry[]): void {
  if (last < head && entries.length === 0) throw fail.resync();
  entries.forEach((entry, i) => {
    if (entry.seq !== last + 1 + i) throw fail.resync();
  });
}
