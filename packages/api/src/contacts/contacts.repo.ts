import type { Database } from '@confab/db';
import { sql, type Kysely, type Transaction } from 'kysely';

/**
 * Adds or updates a contact entry. `alias` undefined keeps an existing alias, null clears it.
 */
export async function upsertContact(db: Kysely<Database> | Transaction<Database>, ownerId: string, contactId: string, alias: string | null | undefined, now: Date): Promise<void> {
  await db
    .insertInto('contacts')
    .values({ ownerId, contactId, alias: alias ?? null, createdAt: now })
    .onConflict((oc) =>
      oc.columns(['ownerId', 'contactId']).doUpdateSet({ alias: alias === undefined ? sql`contacts.alias` : alias }),
    )
    .execute();
}

export async function deleteContact(db: Kysely<Database> | Transaction<Database>, ownerId: string, contactId: string): Promise<boolean> {
  const result = await db.deleteFrom('contacts').where('ownerId', '=', ownerId).where('contactId', '=', contactId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The owner's contacts (live accounts only), or just one of them. */
export async function contactRows(db: Kysely<Database> | Transaction<Database>, ownerId: string, onlyContactId?: string) {
  return db
    .selectFrom('contacts as c')
    .innerJoin('users as u', 'u.id', 'c.contactId')
    .selectAll('u')
    .select(['c.alias', 'c.tags', 'c.createdAt as addedAt'])
    .where('c.ownerId', '=', ownerId)
    .where('u.deletedAt', 'is', null)
    .$if(onlyContactId !== undefined, (q) => q.where('c.contactId', '=', onlyContactId!))
    .execute();
}
