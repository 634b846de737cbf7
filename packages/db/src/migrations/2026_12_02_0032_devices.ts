import { sql, type Kysely } from 'kysely';

/**
 * Devices that get notifications while no app is open: a browser's Web Push subscription
 * (endpoint and keys, RFC 8030/8291) or a desktop app that keeps its own stream. Each belongs to
 * the session that registered it and goes with it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('webpush', 'desktop')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('endpoint', 'text', (c) => c.unique())
    .addColumn('p256dh', 'text')
    .addColumn('auth', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_push_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('devices_user_idx').on('devices').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('devices').execute();
}
