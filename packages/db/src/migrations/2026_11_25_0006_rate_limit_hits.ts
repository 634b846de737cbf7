import { type Kysely } from 'kysely';

/**
 * One row per allowed hit, so a limit holds over any sliding window ("a 6th code request within
 * 10 minutes is refused"), not only within fixed windows that allow a double burst at their edge.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limit_hits')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('hit_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limit_hits_key_idx').on('rate_limit_hits').columns(['key', 'hit_at']).execute();
  await db.schema.createIndex('rate_limit_hits_at_idx').on('rate_limit_hits').column('hit_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limit_hits').execute();
}
