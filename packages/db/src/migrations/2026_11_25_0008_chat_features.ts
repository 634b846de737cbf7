import { sql, type Kysely } from 'kysely';

/**
 * 1:1 chat features: per-user settings (theme, notifications, privacy), receipt marks (who
 * reached which seq when, for per-message receipts), presence rows shared by server processes,
 * and indexes for message search and the shared-media gallery.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const audience = (column: string) => sql.raw(`${column} in ('everyone', 'contacts', 'nobody')`);
  await db.schema
    .createTable('user_settings')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('theme', 'text', (c) => c.notNull().defaultTo('system'))
    .addColumn('notification_preview', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('notification_sound', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('last_seen', 'text', (c) => c.notNull().defaultTo('everyone').check(audience('last_seen')))
    .addColumn('profile_photo', 'text', (c) => c.notNull().defaultTo('everyone').check(audience('profile_photo')))
    .addColumn('about', 'text', (c) => c.notNull().defaultTo('everyone').check(audience('about')))
    .addColumn('read_receipts', 'text', (c) => c.notNull().defaultTo('everyone').check(audience('read_receipts')))
    .addColumn('group_add', 'text', (c) => c.notNull().defaultTo('everyone').check(audience('group_add')))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // One row each time a member's delivered/read mark moves forward: "everything up to seq, at".
  await db.schema
    .createTable('receipt_marks')
    .addColumn('chat_id', 'text', (c) => c.notNull().references('chats.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('delivered', 'read')`))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('receipt_marks_chat_idx').on('receipt_marks').columns(['chat_id', 'user_id', 'seq']).execute();

  // Which server process holds open event streams for a user (refreshed by a heartbeat).
  await db.schema
    .createTable('presence_connections')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('process_id', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('presence_connections_pk', ['user_id', 'process_id'])
    .execute();
  await db.schema.createIndex('presence_connections_process_idx').on('presence_connections').column('process_id').execute();

  // Orders a message's edits even when two happen within one clock tick.
  await db.schema.alterTable('message_edits').addColumn('edit_no', 'bigserial').execute();

  await sql`create index messages_text_search_idx on messages using gin (to_tsvector('simple', coalesce(text, '')))`.execute(db);
  await db.schema.createIndex('messages_chat_kind_idx').on('messages').columns(['chat_id', 'kind', 'seq']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('messages_chat_kind_idx').execute();
  await db.schema.dropIndex('messages_text_search_idx').execute();
  await db.schema.alterTable('message_edits').dropColumn('edit_no').execute();
  for (const table of ['presence_connections', 'receipt_marks', 'user_settings']) await db.schema.dropTable(table).execute();
}
