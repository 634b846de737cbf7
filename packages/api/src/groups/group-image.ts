import type { Database } from '@confab/db';
import type { Kysely } from 'kysely';
import { fail } from '../errors.js';

/** A group image must be an image the caller uploaded; anything else is NOT_FOUND. */
export async function requireOwnImage(db: Kysely<Database>, userId: string, mediaId: string): Promise<void> {
  const media = await db.selectFrom('media').select(['kind']).where('id', '=', mediaId).where('ownerId', '=', userId).executeTakeFirst();
  if (!media) throw fail.notFound('Media');
  if (media.kind !== 'image') throw fail.badRequest('A group image must be an image');
}
