import { sql, type Kysely } from 'kysely';

/**
 * Files whose message went away (expired, or deleted for everyone) are marked, so a
 * background job can remove them once nothing else refers to them. Uploads not yet sent carry
 * no mark and are never collected.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('media').addColumn('detached_at', 'timestamptz').execute();
  await db.schema.createIndex('media_detached_idx').on('media').column('detached_at').where(sql.ref('detached_at'), 'is not', null).execute();
  // The collector asks whether any member uses a file as a chat wallpaper ('media:<id>').
  await db.schema
    .createIndex('chat_members_background_media_idx')
    .on('chat_members')
    .column('background')
    .where(sql.ref('background'), 'like', 'media:%')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('chat_members_background_media_idx').execute();
  await db.schema.dropIndex('media_detached_idx').execute();
  await db.schema.alterTable('media').dropColumn('detached_at').execute();
}
