import { sql } from 'kysely';
import type { AuthedContext } from '../trpc.js';
import { toUserView, withoutPhone, type UserView } from '../users/user-view.js';
import { storyViews } from './stories.repo.js';
import { storyVisibleTo } from './story-audience.js';
import type { StoryView } from './story-view.js';

export interface FeedStory extends StoryView {
  seen: boolean;
}

export interface FeedAuthor {
  author: UserView;
  stories: FeedStory[];
  /** When their newest live story was posted. */
  latestAt: string;
  /** Every one of their stories was viewed by the caller. */
  allSeen: boolean;
}

/**
 * My contacts' live stories, one entry per author with their stories oldest first (the order
 * they play in). Authors with something unseen come first, then those fully seen; within each,
 * the newest poster first.
 */
export async function feed(ctx: AuthedContext): Promise<{ authors: FeedAuthor[] }> {
  const { db, clock } = ctx.deps;
  const me = ctx.user.id;
  const now = clock.now();
  const rows = await db
    .selectFrom('stories as s')
    .selectAll('s')
    .select(sql<boolean>`exists (select 1 from story_views v where v.story_id = s.id and v.viewer_id = ${me})`.as('seen'))
    .where('s.authorId', '!=', me)
    .where(storyVisibleTo(me, now))
    .orderBy('s.createdAt')
    .orderBy('s.id')
    .execute();
  if (rows.length === 0) return { authors: [] };
  const views = await storyViews(db, rows);
  const users = await db.selectFrom('users').selectAll().where('id', 'in', [...new Set(rows.map((r) => r.authorId))]).execute();
  const byAuthor = new Map<string, FeedStory[]>();
  rows.forEach((row, i) => {
    const list = byAuthor.get(row.authorId) ?? [];
    list.push({ ...views[i]!, seen: Boolean(row.seen) });
    byAuthor.set(row.authorId, list);
  });
  const authors = users.map((user) => {
    const stories = byAuthor.get(user.id)!;
    return { author: withoutPhone(toUserView(user)), stories, latestAt: stories.at(-1)!.createdAt, allSeen: stories.every((s) => s.seen) };
  });
  authors.sort((a, b) => Number(a.allSeen) - Number(b.allSeen) || b.latestAt.localeCompare(a.latestAt));
  return { authors };
}
