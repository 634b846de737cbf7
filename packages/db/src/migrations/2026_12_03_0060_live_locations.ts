import { sql, type Kysely } from 'kysely';

/**
 * Live locations: the location message a share moves, who shares it and until when. The
 * position itself lives on the message (current only, no trail). The message going (deleted by
 * a disappearing timer) takes its share with it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('live_locations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().unique().references('messages.id').onDelete('cascade'))
    .addColumn('chat_id', 'text', (c) => c.notNull().references('chats.id').onDelete('cascade'))
    .addColumn('sharer_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  // The sweeper's question: which live shares ran out?
  await db.schema.createIndex('live_locations_live_expiry_idx').on('live_locations').column('expires_at').where(sql.ref('ended_at'), 'is', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('live_locations').execute();
}
