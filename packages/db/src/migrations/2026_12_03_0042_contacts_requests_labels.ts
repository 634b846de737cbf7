import { sql, type Kysely } from 'kysely';

/**
 * Friend requests (a row is a request still waiting), "who can message me" with the message
 * requests it makes (a 1:1 membership's `request_state`), personal tags on contacts and
 * personal labels on chats.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('friend_requests')
    .addColumn('from_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('to_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('friend_requests_pk', ['from_id', 'to_id'])
    .execute();
  await db.schema.createIndex('friend_requests_to_idx').on('friend_requests').columns(['to_id', 'created_at']).execute();
  await db.schema.alterTable('user_settings').addColumn('message_me', 'text', (c) => c.notNull().defaultTo('everyone')).execute();
  // null: not decided yet (no message so far); 'pending': a message request; 'accepted': a normal chat.
  await db.schema
    .alterTable('chat_members')
    .addColumn('request_state', 'text')
    .addColumn('labels', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
  await db.schema.alterTable('contacts').addColumn('tags', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('contacts').dropColumn('tags').execute();
  await db.schema.alterTable('chat_members').dropColumn('request_state').dropColumn('labels').execute();
  await db.schema.alterTable('user_settings').dropColumn('message_me').execute();
  await db.schema.dropTable('friend_requests').execute();
}
