import { sql, type Kysely } from 'kysely';

/** Calls and who took part: the call history. Offers, answers and candidates are never stored. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('calls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('chat_id', 'text', (c) => c.notNull().references('chats.id').onDelete('cascade'))
    .addColumn('caller_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('video', 'boolean', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('ringing', 'active', 'ended')`))
    .addColumn('end_reason', 'text', (c) => c.check(sql`end_reason in ('completed', 'missed', 'declined', 'busy', 'cancelled', 'dropped')`))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('answered_at', 'timestamptz')
    .addColumn('ended_at', 'timestamptz')
    .execute();
  // The sweeper looks only at calls not yet over; a chat has at most one of those.
  await db.schema.createIndex('calls_open_uq').on('calls').column('chat_id').unique().where(sql.ref('state'), '<>', 'ended').execute();

  await db.schema
    .createTable('call_participants')
    .addColumn('call_id', 'text', (c) => c.notNull().references('calls.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('ringing', 'joined', 'left', 'declined', 'missed', 'busy', 'blocked')`))
    .addColumn('session_id', 'text')
    .addColumn('joined_at', 'timestamptz')
    .addColumn('left_at', 'timestamptz')
    .addColumn('last_seen_at', 'timestamptz')
    .addPrimaryKeyConstraint('call_participants_pk', ['call_id', 'user_id'])
    .execute();
  // History is read per user; "am I in a call already" looks at joined rows.
  await db.schema.createIndex('call_participants_user_idx').on('call_participants').columns(['user_id', 'call_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('call_participants').execute();
  await db.schema.dropTable('calls').execute();
}
