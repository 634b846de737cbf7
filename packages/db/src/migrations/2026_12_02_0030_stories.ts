import { sql, type Kysely } from 'kysely';

/**
 * Stories (status updates) that expire 24 h after posting, who viewed each, and the author's
 * story audience setting. Each story keeps the audience it was posted with (as WhatsApp does:
 * changing the setting affects later stories only).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('stories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('text', 'image', 'video')`))
    .addColumn('text', 'text')
    .addColumn('media_id', 'text', (c) => c.references('media.id').onDelete('set null'))
    .addColumn('background', 'text')
    .addColumn('font', 'text')
    .addColumn('audience', 'text', (c) => c.notNull().check(sql`audience in ('contacts', 'except', 'only')`))
    .addColumn('audience_ids', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stories_author_idx').on('stories').columns(['author_id', 'created_at']).execute();
  await db.schema.createIndex('stories_expires_idx').on('stories').column('expires_at').execute();
  await db.schema.createIndex('stories_media_idx').on('stories').column('media_id').where(sql.ref('media_id'), 'is not', null).execute();

  // One row per viewer: viewing again changes nothing.
  await db.schema
    .createTable('story_views')
    .addColumn('story_id', 'text', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('viewer_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('viewed_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('story_views_pk', ['story_id', 'viewer_id'])
    .execute();

  await db.schema
    .alterTable('user_settings')
    .addColumn('story_audience', 'text', (c) => c.notNull().defaultTo('contacts').check(sql`story_audience in ('contacts', 'except', 'only')`))
    .addColumn('story_audience_ids', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('user_settings').dropColumn('story_audience_ids').dropColumn('story_audience').execute();
  await db.schema.dropTable('story_views').execute();
  await db.schema.dropTable('stories').execute();
}
