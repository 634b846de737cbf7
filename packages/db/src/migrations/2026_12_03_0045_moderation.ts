import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A moderator's suspension: sign-in is refused while it is set.
  await db.schema.alterTable('users').addColumn('suspended_at', 'timestamptz').execute();
  // The reported messages as they were when the report was written (edits and deletions after
  // it do not change what the moderator sees).
  await db.schema.alterTable('reports').addColumn('evidence', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('reports').dropColumn('evidence').execute();
  await db.schema.alterTable('users').dropColumn('suspended_at').execute();
}
