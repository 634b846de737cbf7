import type { Kysely } from 'kysely';

/** Custom emoticons: a user's `:shortcut:` → a small image the server re-encoded. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('emoticons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('shortcut', 'text', (c) => c.notNull())
    .addColumn('media_id', 'text', (c) => c.notNull().references('media.id'))
    .addColumn('animated', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('emoticons_owner_shortcut_key', ['owner_id', 'shortcut'])
    .execute();
  await db.schema.createIndex('emoticons_media_idx').on('emoticons').column('media_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('emoticons').execute();
}
