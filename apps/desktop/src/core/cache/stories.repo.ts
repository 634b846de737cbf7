import type { StoryView } from './server-views.js';
import type { Database } from 'better-sqlite3';

export interface StoryRow {
  id: string;
  author_id: string;
  media_id: string | null;
  created_at: string;
  expires_at: string;
  view: string;
  seen: number;
  view_count: number;
}

/** A cached story: the server's view, whether I saw it, and (mine) how many did. */
export interface CachedStory {
  story: StoryView;
  seen: boolean;
  viewCount: number;
}

function prepare(db: Database) {
  return {
    get: db.prepare('SELECT * FROM stories WHERE id = ?'),
    upsert: db.prepare(
      `INSERT INTO stories (id, author_id, media_id, created_at, expires_at, view, seen, view_count)
       VALUES (@id, @author_id, @media_id, @created_at, @expires_at, @view, @seen, @view_count)
       ON CONFLICT (id) DO UPDATE SET view = excluded.view, media_id = excluded.media_id, expires_at = excluded.expires_at,
         seen = max(seen, excluded.seen), view_count = max(view_count, excluded.view_count)`,
    ),
    live: db.prepare('SELECT * FROM stories WHERE expires_at > ? ORDER BY created_at, id'),
    liveOf: db.prepare('SELECT * FROM stories WHERE author_id = ? AND expires_at > ? ORDER BY created_at, id'),
    idsOf: db.prepare('SELECT id FROM stories WHERE author_id = ?').pluck(),
    idsNotOf: db.prepare('SELECT id FROM stories WHERE author_id != ?').pluck(),
    seen: db.prepare('UPDATE stories SET seen = 1 WHERE id = ? AND seen = 0'),
    viewCount: db.prepare('UPDATE stories SET view_count = max(view_count, ?) WHERE id = ?'),
    remove: db.prepare('DELETE FROM stories WHERE id = ? RETURNING *'),
    expired: db.prepare('SELECT * FROM stories WHERE expires_at <= ?'),
  };
}

const toCached = (row: StoryRow): CachedStory => ({ story: JSON.parse(row.view) as StoryView, seen: row.seen === 1, viewCount: row.view_count });

/** Stories I can see: my contacts' and my own, while they last. */
export class StoriesRepo {
  private readonly s: ReturnType<typeof prepare>;

  constructor(db: Database) {
    this.s = prepare(db);
  }

  get(storyId: string): StoryRow | null {
    return (this.s.get.get(storyId) as StoryRow | undefined) ?? null;
  }

  /** Seen and view counts only move forward: a late snapshot cannot undo a newer event. */
  upsert(story: StoryView, extra: { seen?: boolean; viewCount?: number } = {}): void {
    this.s.upsert.run({
      id: story.id,
      author_id: story.authorId,
      media_id: story.mediaId,
      created_at: story.createdAt,
      expires_at: story.expiresAt,
      view: JSON.stringify(story),
      seen: extra.seen ? 1 : 0,
      view_count: extra.viewCount ?? 0,
    });
  }

  /** Every story still running at `now`, oldest first (the order they play in). */
  live(now: string, authorId?: string): CachedStory[] {
    const rows = (authorId === undefined ? this.s.live.all(now) : this.s.liveOf.all(authorId, now)) as StoryRow[];
    return rows.map(toCached);
  }

  /** Ids of `authorId`'s stories, or (`others`) of everyone else's. */
  ids(authorId: string, whose: 'of' | 'others'): string[] {
    return (whose === 'of' ? this.s.idsOf.all(authorId) : this.s.idsNotOf.all(authorId)) as string[];
  }

  markSeen(storyId: string): boolean {
    return this.s.seen.run(storyId).changes > 0;
  }

  setViewCount(storyId: string, count: number): void {
    this.s.viewCount.run(count, storyId);
  }

  remove(storyId: string): StoryRow | null {
    return (this.s.remove.get(storyId) as StoryRow | undefined) ?? null;
  }

  expired(now: string): StoryRow[] {
    return this.s.expired.all(now) as StoryRow[];
  }
}
