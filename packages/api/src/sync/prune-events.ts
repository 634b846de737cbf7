import type { Deps } from '../deps.js';

const DAY_MS = 86_400_000;
/**
 * Event contents deleted per statement. A 1:1 message is one content and two stream entries,
 * so a batch touches a few thousand rows: short, and it only locks rows nobody writes any more.
 */
const BATCH = 1000;

/**
 * Keeps event streams bounded: deletes stored events older than `retentionDays` (each content
 * with every stream entry that points at it, by the foreign key's cascade), oldest first, in
 * small autocommit batches so no lock is held for long and senders never wait on it. Streams
 * keep their heads; a client whose last id is below what is left learns it must resync
 * (sync/stream-gap.ts). Returns how many event contents went.
 */
export async function pruneEvents(deps: Pick<Deps, 'db' | 'clock'>, retentionDays: number): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - retentionDays * DAY_MS);
  let total = 0;
  for (;;) {
    const result = await deps.db
      .deleteFrom('eventPayloads')
      .where('id', 'in', (eb) => eb.selectFrom('eventPayloads').select('id').where('createdAt', '<', cutoff).orderBy('createdAt').limit(BATCH))
      .executeTakeFirst();
    const deleted = Number(result.numDeletedRows);
    total += deleted;
    if (deleted < BATCH) return total;
    // Let the requests waiting for a pooled connection go first.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
