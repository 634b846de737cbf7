import { sql, type Kysely } from 'kysely';

/** "Star" a message: a personal bookmark, listed newest first; it goes with the message. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('starred_messages')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('starred_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('starred_messages_pk', ['user_id', 'message_id'])
    .execute();
  await db.schema.createIndex('starred_messages_user_time_idx').on('starred_messages').columns(['user_id', 'starred_at desc', 'message_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('starred_messages').execute();
}
