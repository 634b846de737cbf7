import { sql, type Kysely } from 'kysely';

/**
 * Deleting a custom emoticon finds the messages that carry it (`meta.emoticons`, keyed by
 * shortcut) to drop it from them and tell their chats. Only those messages are indexed, so
 * other messages pay nothing for it on insert.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index messages_emoticons_idx on messages using gin ((meta -> 'emoticons') jsonb_path_ops) where meta -> 'emoticons' is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index messages_emoticons_idx`.execute(db);
}
