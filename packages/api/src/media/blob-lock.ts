import type { Database } from '@confab/db';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Deps } from '../deps.js';
import { blobInUse } from './media.repo.js';

/**
 * The store is shared by content hash, so "is anyone using these bytes?" and "delete them" must
 * not interleave with another upload of the same bytes committing its file and its row. Both
 * sides hold the digest's lock for it (a transaction-scoped advisory lock, in every process):
 * an upload commits its file and inserts its row under it, a deleter re-checks and deletes
 * under it. Locks are taken in digest order, so two holders never wait for each other.
 */
export async function withBlobLocks<T>(db: Kysely<Database>, shas: readonly (string | null)[], work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await lockBlobs(trx, shas);
    return work(trx);
  });
}

/** The digests' locks in a transaction the caller runs (held until it ends), in digest order. */
export async function lockBlobs(trx: Transaction<Database>, shas: readonly (string | null)[]): Promise<void> {
  const keys = [...new Set(shas.filter((sha): sha is string => sha !== null))].sort();
  for (const sha of keys) await sql`select pg_advisory_xact_lock(hashtextextended(${`blob:${sha}`}, 0))`.execute(trx);
}

/** Deletes the bytes of `sha256` unless a media row uses them; true when they were deleted. */
export async function deleteBlobIfUnused(deps: Deps, sha256: string): Promise<boolean> {
  return withBlobLocks(deps.db, [sha256], async (trx) => {
    if (await blobInUse(trx, sha256)) return false;
    await deps.media.delete(sha256);
    return true;
  });
}
