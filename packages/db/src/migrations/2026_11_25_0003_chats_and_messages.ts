import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('chats')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', ['direct', 'group'])))
    .addColumn('direct_key', 'text', (c) => c.unique())
    .addColumn('name', 'text')
    .addColumn('description', 'text')
    .addColumn('avatar_media_id', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_activity_at', 'timestamptz', (c) => c.notNull())
    .addColumn('disappearing_seconds', 'integer')
    .addColumn('send_permission', 'text', (c) => c.notNull().defaultTo('all'))
    .addColumn('edit_info_permission', 'text', (c) => c.notNull().defaultTo('all'))
    .addColumn('add_members_permission', 'text', (c) => c.notNull().defaultTo('all'))
    .addColumn('deleted_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('chat_members')
    .addColumn('chat_id', 'text', (c) => c.notNull().references('chats.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('member'))
    .addColumn('joined_at', 'timestamptz', (c) => c.notNull())
    .addColumn('left_at', 'timestamptz')
    .addColumn('joined_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('left_seq', 'bigint')
    .addColumn('last_read_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_delivered_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('cleared_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('muted_until', 'timestamptz')
    .addColumn('hidden', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('theme', 'text')
    .addColumn('background', 'text')
    .addPrimaryKeyConstraint('chat_members_pk', ['chat_id', 'user_id'])
    .execute();
  await db.schema.createIndex('chat_members_user_idx').on('chat_members').column('user_id').execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('chat_id', 'text', (c) => c.notNull().references('chats.id').onDelete('cascade'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('sender_id', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('media_id', 'text')
    .addColumn('reply_to_id', 'text')
    .addColumn('meta', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('edited_at', 'timestamptz')
    .addColumn('deleted_at', 'timestamptz')
    .addColumn('expires_at', 'timestamptz')
    .addUniqueConstraint('messages_chat_seq_uq', ['chat_id', 'seq'])
    .addUniqueConstraint('messages_client_uq', ['chat_id', 'sender_id', 'client_id'])
    .execute();
  await db.schema.createIndex('messages_expires_idx').on('messages').column('expires_at').where('expires_at', 'is not', null).execute();

  await db.schema
    .createTable('message_edits')
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('previous_text', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('message_edits_message_idx').on('message_edits').column('message_id').execute();

  await db.schema
    .createTable('hidden_messages')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('hidden_messages_pk', ['user_id', 'message_id'])
    .execute();

  await db.schema
    .createTable('reactions')
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('emoji', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('reactions_pk', ['message_id', 'user_id'])
    .execute();
}

function sqlIn(column: string, values: string[]) {
  return sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);
}


export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['reactions', 'hidden_messages', 'message_edits', 'messages', 'chat_members', 'chats']) {
    await db.schema.dropTable(table).execute();
  }
}
