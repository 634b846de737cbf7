import type { WriteContext } from './change-set.js';
import type { FeedAuthor, MyStory, StoryView } from './server-views.js';
import { forgetMedia } from './store.js';

/**
 * Stories in the cache: kept from `story.*` events and from the server's feed and "mine"
 * answers, removed when deleted or expired. A story's downloaded photo or video goes with it.
 */

/** story.new: a contact's story, or mine from another device. An author the cache has no profile of makes the feed stale. */
export function storyNew(ctx: WriteContext, story: StoryView): void {
  ctx.cache.stories.upsert(story);
  if (story.authorId !== ctx.me && !ctx.cache.users.get(story.authorId)) ctx.changes.staleStories = true;
}

export function storyViewed(ctx: WriteContext, storyId: string, count: number): void {
  ctx.cache.stories.setViewCount(storyId, count);
}

export function storySeen(ctx: WriteContext, storyId: string): void {
  ctx.cache.stories.markSeen(storyId);
}

export function removeStory(ctx: WriteContext, storyId: string): void {
  const row = ctx.cache.stories.remove(storyId);
  if (row?.media_id) forgetMedia(ctx, row.media_id);
}

/** The server's feed: its authors' profiles and stories; others' stories it no longer lists are gone. */
export function storeFeed(ctx: WriteContext, authors: readonly FeedAuthor[]): void {
  const listed = new Set<string>();
  for (const { author, stories } of authors) {
    ctx.cache.users.upsert(author);
    for (const { seen, ...story } of stories) {
      ctx.cache.stories.upsert(story, { seen });
      listed.add(story.id);
    }
  }
  for (const id of ctx.cache.stories.ids(ctx.me, 'others')) if (!listed.has(id)) removeStory(ctx, id);
}

/** My live stories with their view counts; mine it no longer lists (deleted, expired) are gone. */
export function storeMine(ctx: WriteContext, stories: readonly MyStory[]): void {
  const listed = new Set<string>();
  for (const { viewCount, ...story } of stories) {
    ctx.cache.stories.upsert(story, { viewCount });
    listed.add(story.id);
  }
  for (const id of ctx.cache.stories.ids(ctx.me, 'of')) if (!listed.has(id)) removeStory(ctx, id);
}

/**
 * Stories whose 24 hours are up leave the cache on the local clock, offline too, with their
 * files. The page hears `story.deleted`, as when the author takes one down.
 */
export function purgeExpiredStories(ctx: WriteContext): void {
  for (const row of ctx.cache.stories.expired(ctx.now().toISOString())) {
    removeStory(ctx, row.id);
    ctx.changes.events.push({ type: 'story.deleted', storyId: row.id, authorId: row.author_id });
  }
}
