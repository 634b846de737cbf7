import { type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('user_streams')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('last_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();

  // One row per event, however many streams carry it: a message to a 1,000-member group is
  // stored once, and redacting a deleted message's content touches one row.
  await db.schema
    .createTable('event_payloads')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text')
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('event_payloads_message_idx').on('event_payloads').column('message_id').where('message_id', 'is not', null).execute();
  await db.schema.createIndex('event_payloads_created_idx').on('event_payloads').column('created_at').execute();

  await db.schema
    .createTable('events')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('payload_id', 'bigint', (c) => c.notNull().references('event_payloads.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('events_pk', ['user_id', 'seq'])
    .execute();
  await db.schema.createIndex('events_payload_idx').on('events').column('payload_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('events').execute();
  await db.schema.dropTable('event_payloads').execute();
  await db.schema.dropTable('user_streams').execute();
}
