import type { FeedAuthor, MyStory } from '../cache/server-views.js';
import { randomUUID } from 'node:crypto';
import { purgeExpiredStories, storeFeed, storeMine, storySeen } from '../cache/stories-store.js';
import type { CoreRuntime } from '../runtime.js';
import { keepFresh } from './keep-fresh.js';
import type { SyncFeature } from './sync.js';

/**
 * Stories (status): my contacts' feed and my own, with seen state and view counts. Online, each
 * read asks the server and keeps its answer; offline (or when the server fails) the cache
 * answers, kept current by `story.*` events. Expired stories leave on the local clock.
 * Watching a story marks it seen at once; the outbox tells the server (and so the author).
 */
export class StoriesFeature {
  constructor(
    private readonly rt: CoreRuntime,
    private readonly sync: SyncFeature,
  ) {}

  async feed(): Promise<{ authors: FeedAuthor[] }> {
    await keepFresh(this.rt, 'the story feed', () => this.rt.http.stories.feed.query(), (ctx, fresh) => storeFeed(ctx, fresh.authors));
    return { authors: this.cachedFeed() };
  }

  async mine(): Promise<{ stories: MyStory[] }> {
    await keepFresh(this.rt, 'my stories', () => this.rt.http.stories.mine.query(), (ctx, fresh) => storeMine(ctx, fresh.stories));
    return { stories: this.cachedMine() };
  }

  /** I watched a contact's story (mine are not counted, and a story seen before is not told again). */
  view(storyId: string): void {
    const me = this.rt.cache.me();
    const row = this.rt.cache.stories.get(storyId);
    if (!me || row?.author_id === me || row?.seen === 1) return;
    this.rt.write((ctx) => {
      ctx.cache.outbox.enqueue({ op: 'storyView', chatId: '', clientId: randomUUID(), storyId }, ctx.now().toISOString());
      if (!row) return;
      storySeen(ctx, storyId);
      // As the server tells my other devices: the page shows the ring as seen.
      ctx.changes.events.push({ type: 'story.seen', storyId, authorId: row.author_id });
    });
    this.sync.flushOutbox();
  }

  /** After connecting: both lists from the server, so what was posted while away is there offline. */
  async refresh(): Promise<void> {
    await Promise.all([this.feed(), this.mine()]);
  }

  /**
   * The feed as the server orders it: one entry per author, stories oldest first; authors with
   * something unseen first, then the newest poster first. Authors without a cached profile wait
   * for the next refresh.
   */
  cachedFeed(): FeedAuthor[] {
    const me = this.purge();
    if (!me) return [];
    const byAuthor = new Map<string, FeedAuthor['stories']>();
    for (const { story, seen } of this.rt.cache.stories.live(this.rt.now().toISOString())) {
      if (story.authorId === me) continue;
      byAuthor.set(story.authorId, [...(byAuthor.get(story.authorId) ?? []), { ...story, seen }]);
    }
    const authors: FeedAuthor[] = [];
    for (const [authorId, stories] of byAuthor) {
      const profile = this.rt.cache.users.get(authorId);
      if (!profile || profile.deleted) continue;
      authors.push({ author: { ...profile, phone: null }, stories, latestAt: stories.at(-1)!.createdAt, allSeen: stories.every((s) => s.seen) });
    }
    return authors.sort((a, b) => Number(a.allSeen) - Number(b.allSeen) || b.latestAt.localeCompare(a.latestAt));
  }

  cachedMine(): MyStory[] {
    const me = this.purge();
    if (!me) return [];
    return this.rt.cache.stories.live(this.rt.now().toISOString(), me).map(({ story, viewCount }) => ({ ...story, viewCount }));
  }

  /** Expired stories go before any read, not only at the next sweep. Returns who is signed in. */
  private purge(): string | null {
    const me = this.rt.cache.me();
    if (me) this.rt.write((ctx) => purgeExpiredStories(ctx));
    return me;
  }
}
