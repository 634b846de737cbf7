import type { Kysely } from 'kysely';

/**
 * Each member's own order of their chat list: pinned chats on top (when pinned, up to three),
 * archived ones out of it until something newer than `archived_seq` arrives (unless muted),
 * and chats hidden until a time.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('chat_members')
    .addColumn('pinned_at', 'timestamptz')
    .addColumn('archived_seq', 'integer')
    .addColumn('hidden_until', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('chat_members').dropColumn('pinned_at').dropColumn('archived_seq').dropColumn('hidden_until').execute();
}
