import { sql, type Kysely } from 'kysely';

/**
 * A reaction may be one of the reactor's custom emoticons. `emoji` keeps its `:shortcut:` text,
 * which is what shows once the emoticon is deleted (the link is cleared then, as inline
 * emoticons fall back to their text). Only such reactions are indexed, for that deletion.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('reactions')
    .addColumn('emoticon_id', 'text', (c) => c.references('emoticons.id').onDelete('set null'))
    .execute();
  await sql`create index reactions_emoticon_idx on reactions (emoticon_id) where emoticon_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index reactions_emoticon_idx`.execute(db);
  await db.schema.alterTable('reactions').dropColumn('emoticon_id').execute();
}
