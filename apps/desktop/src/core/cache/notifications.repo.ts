import type { Database } from 'better-sqlite3';
import type { NotificationView } from './server-views.js';
import { StateKeys, type StateRepo } from './state.repo.js';

/** How many of the newest entries stay cached; older pages come from the server when online. */
export const CACHED_NOTIFICATIONS = 500;

interface NotificationRow {
  id: string;
  created_at: string;
  read: number;
  view: string;
}

function prepare(db: Database) {
  return {
    upsert: db.prepare(
      `INSERT INTO notifications (id, created_at, read, view) VALUES (@id, @created_at, @read, @view)
       ON CONFLICT (id) DO UPDATE SET created_at = excluded.created_at, read = excluded.read, view = excluded.view`,
    ),
    page: db.prepare('SELECT * FROM notifications ORDER BY created_at DESC, id DESC LIMIT ?'),
    pageAfter: db.prepare('SELECT * FROM notifications WHERE created_at < @at OR (created_at = @at AND id < @id) ORDER BY created_at DESC, id DESC LIMIT @limit'),
    markRead: db.prepare('UPDATE notifications SET read = 1 WHERE id = ? AND read = 0'),
    isRead: db.prepare('SELECT read FROM notifications WHERE id = ?').pluck(),
    markAllRead: db.prepare('UPDATE notifications SET read = 1 WHERE read = 0 RETURNING id').pluck(),
    remove: db.prepare('DELETE FROM notifications WHERE id = ? RETURNING read').pluck(),
    idsFrom: db.prepare('SELECT id FROM notifications WHERE created_at > @at OR (created_at = @at AND id >= @id)').pluck(),
    allIds: db.prepare('SELECT id FROM notifications').pluck(),
    // Everything below the N-th newest: a range of notifications_latest, so an event that adds
    // an entry walks N index entries instead of sorting the table into a NOT IN list (~1 ms at
    // 500). With fewer than N entries the subquery is NULL and nothing goes.
    trim: db.prepare(
      `DELETE FROM notifications WHERE (created_at, id) <
         (SELECT created_at, id FROM notifications ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET ?)`,
    ),
  };
}

/** The server's cursor for the entry after this one (the same `iso|id` it makes). */
export const cursorOf = (entry: Pick<NotificationView, 'createdAt' | 'id'>): string => `${entry.createdAt}|${entry.id}`;

function parseCursor(cursor: string): { at: string; id: string } | null {
  const [at, id] = cursor.split('|');
  return at && id && !Number.isNaN(Date.parse(at)) ? { at: new Date(at).toISOString(), id } : null;
}

/** The notification centre's newest entries and the unread count, as the server last told. */
export class NotificationsRepo {
  private readonly s: ReturnType<typeof prepare>;

  constructor(
    db: Database,
    private readonly state: StateRepo,
  ) {
    this.s = prepare(db);
  }

  upsert(view: NotificationView): void {
    this.s.upsert.run({ id: view.id, created_at: view.createdAt, read: view.read ? 1 : 0, view: JSON.stringify(view) });
  }

  /** Latest first, from the start or after a cursor; `more`: the cache holds a next entry. */
  page(cursor: string | undefined, limit: number): { entries: NotificationView[]; more: boolean } {
    const after = cursor ? parseCursor(cursor) : null;
    if (cursor && !after) return { entries: [], more: false };
    const rows = (after ? this.s.pageAfter.all({ ...after, limit: limit + 1 }) : this.s.page.all(limit + 1)) as NotificationRow[];
    return { entries: rows.slice(0, limit).map((row) => ({ ...(JSON.parse(row.view) as NotificationView), read: row.read === 1 })), more: rows.length > limit };
  }

  /** Read here (perhaps not yet on the server); false for an entry the cache does not hold. */
  isRead(id: string): boolean {
    return this.s.isRead.get(id) === 1;
  }

  /** Marks entries read; returns how many were unread. */
  markRead(ids: readonly string[]): number {
    let changed = 0;
    for (const id of ids) changed += this.s.markRead.run(id).changes;
    return changed;
  }

  markAllRead(): string[] {
    return this.s.markAllRead.all() as string[];
  }

  /** Removes entries; returns how many of them were unread. */
  remove(ids: readonly string[]): number {
    let unread = 0;
    for (const id of ids) if (this.s.remove.get(id) === 0) unread += 1;
    return unread;
  }

  /** Ids of cached entries at or above `oldest` in the server's order (all of them when null). */
  idsFrom(oldest: Pick<NotificationView, 'createdAt' | 'id'> | null): string[] {
    return (oldest ? this.s.idsFrom.all({ at: oldest.createdAt, id: oldest.id }) : this.s.allIds.all()) as string[];
  }

  trim(): void {
    this.s.trim.run(CACHED_NOTIFICATIONS - 1);
  }

  get unread(): number {
    return Number(this.state.get(StateKeys.notificationsUnread) ?? '0');
  }

  setUnread(count: number): void {
    this.state.set(StateKeys.notificationsUnread, String(Math.max(0, count)));
  }
}
