import { sql, type Kysely } from 'kysely';

/** Group invite links, invitations (for users whose privacy setting refuses direct adds), and polls. */
export async function up(db: Kysely<any>): Promise<void> {
  // An invite link is a bearer secret: whoever holds an active code may join.
  await db.schema
    .createTable('group_invite_links')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('chat_id', 'text', (c) => c.notNull().references('chats.id').onDelete('cascade'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  // At most one active link per group, so concurrent "get link" calls agree on one code.
  await db.schema.createIndex('group_invite_links_active_uq').on('group_invite_links').column('chat_id').unique().where(sql.ref('revoked_at'), 'is', null).execute();

  await db.schema
    .createTable('group_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('chat_id', 'text', (c) => c.notNull().references('chats.id').onDelete('cascade'))
    .addColumn('inviter_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('invitee_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'accepted', 'declined')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('responded_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('group_invitations_pending_uq')
    .on('group_invitations')
    .columns(['chat_id', 'invitee_id'])
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema.createIndex('group_invitations_invitee_idx').on('group_invitations').columns(['invitee_id', 'status']).execute();

  await db.schema
    .createTable('polls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('chat_id', 'text', (c) => c.notNull().references('chats.id').onDelete('cascade'))
    .addColumn('message_id', 'text', (c) => c.notNull().unique().references('messages.id').onDelete('cascade'))
    .addColumn('creator_id', 'text', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('multiple_answers', 'boolean', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('poll_options')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('poll_id', 'text', (c) => c.notNull().references('polls.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addUniqueConstraint('poll_options_position_uq', ['poll_id', 'position'])
    .execute();

  // One row per (voter, chosen option); the primary key makes a double vote impossible.
  await db.schema
    .createTable('poll_votes')
    .addColumn('poll_id', 'text', (c) => c.notNull().references('polls.id').onDelete('cascade'))
    .addColumn('option_id', 'text', (c) => c.notNull().references('poll_options.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    // Votes on a poll are taken one at a time under its row lock, so this orders them as cast.
    .addColumn('cast_order', 'bigserial', (c) => c.notNull())
    .addPrimaryKeyConstraint('poll_votes_pk', ['poll_id', 'user_id', 'option_id'])
    .execute();
  await db.schema.createIndex('poll_votes_option_idx').on('poll_votes').column('option_id').execute();

  // Group reports use reports.target_chat_id; moderators look them up by chat.
  await db.schema.createIndex('reports_target_chat_idx').on('reports').column('target_chat_id').where(sql.ref('target_chat_id'), 'is not', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('reports_target_chat_idx').execute();
  for (const table of ['poll_votes', 'poll_options', 'polls', 'group_invitations', 'group_invite_links']) {
    await db.schema.dropTable(table).execute();
  }
}
