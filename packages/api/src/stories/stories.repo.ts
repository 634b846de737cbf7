import type { Database, Media, Story } from '@confab/db';
import { sql, type Kysely } from 'kysely';
import { fail } from '../errors.js';
import { storyVisibleTo } from './story-audience.js';
import { toStoryView, type StoryView } from './story-view.js';

/** A story the caller may see now; anything else (expired, deleted, not for them) is NOT_FOUND. */
export async function loadVisibleStory(db: Kysely<Database>, storyId: string, viewerId: string, now: Date): Promise<Story> {
  const story = await db.selectFrom('stories as s').selectAll('s').where('s.id', '=', storyId).where(storyVisibleTo(viewerId, now)).executeTakeFirst();
  if (!story) throw fail.notFound('Story');
  return story;
}

/** One of the caller's own live stories, else NOT_FOUND. */
export async function loadOwnStory(db: Kysely<Database>, storyId: string, authorId: string, now: Date): Promise<Story> {
  const story = await db.selectFrom('stories').selectAll().where('id', '=', storyId).where('authorId', '=', authorId).where('expiresAt', '>', now).executeTakeFirst();
  if (!story) throw fail.notFound('Story');
  return story;
}

/** Everyone (besides the author) a story is shown to, at `now`. */
export async function storyAudience(db: Kysely<Database>, storyId: string, now: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('stories as s')
    .innerJoin('contacts as c', 'c.ownerId', 's.authorId')
    .select('c.contactId')
    .where('s.id', '=', storyId)
    .where(storyVisibleTo(sql.ref('c.contact_id'), now))
    .execute();
  return rows.map((r) => r.contactId);
}

/** Views of stories, with their media, in posting order. */
export async function storyViews(db: Kysely<Database>, stories: readonly Story[]): Promise<StoryView[]> {
  const mediaIds = [...new Set(stories.map((s) => s.mediaId).filter((id): id is string => id !== null))];
  const media = mediaIds.length === 0 ? [] : await db.selectFrom('media').selectAll().where('id', 'in', mediaIds).execute();
  const byId = new Map<string, Media>(media.map((m) => [m.id, m]));
  return stories.map((s) => toStoryView(s, s.mediaId ? byId.get(s.mediaId) : null));
}

export async function viewCounts(db: Kysely<Database>, storyIds: readonly string[]): Promise<Map<string, number>> {
  if (storyIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('storyViews')
    .select(['storyId', sql<number>`count(*)::int`.as('count')])
    .where('storyId', 'in', [...storyIds])
    .groupBy('storyId')
    .execute();
  return new Map(rows.map((r) => [r.storyId, Number(r.count)]));
}
