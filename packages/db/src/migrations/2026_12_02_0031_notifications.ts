import { sql, type Kysely } from 'kysely';

/**
 * The notification centre's entries, and which kinds of notification a user wants. Repeated
 * reactions to one message share an entry (`group_key`), so the centre shows "Ana and 3 others
 * reacted" once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('mention', 'reply', 'reaction', 'group.invitation', 'story.reply', 'missed.call')`))
    .addColumn('chat_id', 'text', (c) => c.references('chats.id').onDelete('cascade'))
    .addColumn('message_id', 'text', (c) => c.references('messages.id').onDelete('cascade'))
    .addColumn('story_id', 'text')
    .addColumn('invitation_id', 'text', (c) => c.references('group_invitations.id').onDelete('cascade'))
    // Who did it, most recent first (several for grouped reactions).
    .addColumn('actor_ids', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('emoji', 'text')
    .addColumn('snippet', 'text')
    .addColumn('group_key', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('read_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'updated_at']).execute();
  await db.schema.createIndex('notifications_unread_idx').on('notifications').column('user_id').where(sql.ref('read_at'), 'is', null).execute();
  await db.schema.createIndex('notifications_group_uq').on('notifications').columns(['user_id', 'group_key']).unique().where(sql.ref('group_key'), 'is not', null).execute();

  await db.schema
    .alterTable('user_settings')
    .addColumn('notify_messages', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('notify_groups', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('notify_stories', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('notify_reactions', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('user_settings').dropColumn('notify_reactions').dropColumn('notify_stories').dropColumn('notify_groups').dropColumn('notify_messages').execute();
  await db.schema.dropTable('notifications').execute();
}
