import type { Database, Media, MediaKind } from '@confab/db';
import { sql, type Kysely, type Transaction } from 'kysely';
import { fail } from '../errors.js';
import { newId } from '../lib/ids.js';
import { lockUser } from '../lib/locks.js';

export async function findMedia(db: Kysely<Database>, mediaId: string): Promise<Media | undefined> {
  return db.selectFrom('media').selectAll().where('id', '=', mediaId).executeTakeFirst();
}

/** Media the caller uploaded, e.g. to attach it to a message or profile; anything else is NOT_FOUND. */
export async function loadOwnMedia(db: Kysely<Database>, mediaId: string, ownerId: string): Promise<Media> {
  const media = await db.selectFrom('media').selectAll().where('id', '=', mediaId).where('ownerId', '=', ownerId).executeTakeFirst();
  if (!media) throw fail.notFound('Media');
  return media;
}

export async function usedBytes(db: Kysely<Database>, ownerId: string): Promise<number> {
  const row = await db.selectFrom('media').select(sql<number>`coalesce(sum(size), 0)::bigint`.as('used')).where('ownerId', '=', ownerId).executeTakeFirstOrThrow();
  return Number(row.used);
}

export interface NewMedia {
  ownerId: string;
  sha256: string;
  size: number;
  mime: string;
  kind: MediaKind;
  fileName: string | null;
  width: number | null;
  height: number | null;
  thumbSha256: string | null;
  thumbMime: string | null;
  now: Date;
}

export class QuotaExceededError extends Error {
  constructor(readonly quota: number) {
    super('media quota exceeded');
    this.name = 'QuotaExceededError';
  }
}

/**
 * Records an upload, in the caller's transaction. The owner's row is locked while the quota is
 * summed, so two uploads at once cannot both slip under it; `beforeInsert` runs once the quota
 * is known to hold (an upload commits its files there, under their blob locks: blob-lock.ts).
 */
export async function insertMediaIn(trx: Transaction<Database>, values: NewMedia, quota: number, beforeInsert: () => Promise<void> = async () => {}): Promise<Media> {
  if (!(await lockUser(trx, values.ownerId))) throw fail.notFound('User');
  if ((await usedBytes(trx, values.ownerId)) + values.size > quota) throw new QuotaExceededError(quota);
  await beforeInsert();
  const { now, ...rest } = values;
  return trx.insertInto('media').values({ id: newId(), ...rest, durationMs: null, createdAt: now }).returningAll().executeTakeFirstOrThrow();
}

/** Whether any media row still needs these bytes (the store is content-addressed and shared). */
export async function blobInUse(db: Kysely<Database>, sha256: string): Promise<boolean> {
  const row = await db
    .selectFrom('media')
    .select('id')
    .where((eb) => eb.or([eb('sha256', '=', sha256), eb('thumbSha256', '=', sha256)]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Marks files whose message just went away (expired, deleted for everyone), in the same
 * transaction, so the media collector looks at them once nothing else refers to them.
 */
export async function markDetached(trx: Transaction<Database>, mediaIds: readonly (string | null)[], now: Date): Promise<void> {
  const ids = [...new Set(mediaIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return;
  await trx.updateTable('media').set({ detachedAt: now }).where('id', 'in', ids).execute();
}
