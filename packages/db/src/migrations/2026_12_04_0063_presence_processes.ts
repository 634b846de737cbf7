import type { Kysely } from 'kysely';

/**
 * Presence keeps one heartbeat row per server process instead of refreshing one row per
 * (user, process) every 30 s: 15,000 idle users cost one write per process per beat, not
 * 500 row writes a second. A user is online elsewhere while another process with a live
 * heartbeat holds a row for them. Presence rows are ephemeral, so they are dropped here: every
 * process rewrites its own as streams (re)open, and a rolling upgrade shows presence afresh.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('presence_processes')
    .addColumn('process_id', 'text', (c) => c.primaryKey())
    .addColumn('heartbeat_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.deleteFrom('presence_connections').execute();
  await db.schema.alterTable('presence_connections').dropColumn('updated_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('presence_connections').execute();
  await db.schema.alterTable('presence_connections').addColumn('updated_at', 'timestamptz', (c) => c.notNull()).execute();
  await db.schema.dropTable('presence_processes').execute();
}
