import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Every image gets a small preview stored beside it (content-addressed like the original).
  await db.schema.alterTable('media').addColumn('thumb_sha256', 'text').execute();
  await db.schema.alterTable('media').addColumn('thumb_mime', 'text').execute();

  // Media access checks look messages, avatars and group images up by media id.
  await db.schema.createIndex('messages_media_idx').on('messages').column('media_id').where(sql.ref('media_id'), 'is not', null).execute();
  await db.schema.createIndex('users_avatar_idx').on('users').column('avatar_media_id').where(sql.ref('avatar_media_id'), 'is not', null).execute();
  await db.schema.createIndex('chats_avatar_idx').on('chats').column('avatar_media_id').where(sql.ref('avatar_media_id'), 'is not', null).execute();
  await db.schema.createIndex('contacts_contact_idx').on('contacts').column('contact_id').execute();
  await db.schema.createIndex('blocks_blocked_idx').on('blocks').column('blocked_id').execute();

  // Reports from users about users (and, later, groups), for moderators to review.
  await db.schema
    .createTable('reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reporter_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('target_user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('target_chat_id', 'text', (c) => c.references('chats.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('message_ids', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolved_by', 'text')
    .addColumn('resolution', 'text')
    .execute();
  await db.schema.createIndex('reports_status_idx').on('reports').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('reports_reporter_idx').on('reports').column('reporter_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reports').execute();
  for (const index of ['blocks_blocked_idx', 'contacts_contact_idx', 'chats_avatar_idx', 'users_avatar_idx', 'messages_media_idx']) {
    await db.schema.dropIndex(index).execute();
  }
  await db.schema.alterTable('media').dropColumn('thumb_mime').execute();
  await db.schema.alterTable('media').dropColumn('thumb_sha256').execute();
}
