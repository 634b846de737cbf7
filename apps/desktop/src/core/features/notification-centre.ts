import { randomUUID } from 'node:crypto';
import { cursorOf } from '../cache/notifications.repo.js';
import { deleteLocally, readLocally, storeNotificationPage } from '../cache/notifications-store.js';
import type { NotificationPage } from '../cache/server-views.js';
import type { CoreRuntime } from '../runtime.js';
import { keepFresh } from './keep-fresh.js';
import type { SyncFeature } from './sync.js';

const PAGE = 50;

/**
 * The notification centre (mentions, replies, reactions, invitations, missed calls): its newest
 * entries and the unread count, cached so the bell and the list work offline. Reading an entry
 * (or all of them) or deleting one takes effect here at once and goes to the server through the
 * outbox, so what was done offline is sent on reconnect.
 */
export class NotificationCentreFeature {
  constructor(
    private readonly rt: CoreRuntime,
    private readonly sync: SyncFeature,
  ) {}

  /** A page, latest first: online, the server's (kept); offline, the cache's. */
  async list(options: { cursor?: string; limit?: number } = {}): Promise<NotificationPage> {
    const limit = options.limit ?? PAGE;
    const fresh = await keepFresh(
      this.rt,
      'the notification centre',
      () => this.rt.http.notifications.list.query({ ...(options.cursor ? { cursor: options.cursor } : {}), limit }),
      (ctx, page) => storeNotificationPage(ctx, page, options.cursor),
    );
    const { notifications } = this.rt.cache;
    // The server's page (older pages may be past what the cache keeps), with reads still queued here.
    if (fresh) return { notifications: fresh.notifications.map((n) => ({ ...n, read: n.read || notifications.isRead(n.id) })), nextCursor: fresh.nextCursor, unread: notifications.unread };
    const { entries, more } = notifications.page(options.cursor, limit);
    const last = entries.at(-1);
    return { notifications: entries, nextCursor: more && last ? cursorOf(last) : null, unread: notifications.unread };
  }

  unreadCount(): { unread: number } {
    return { unread: this.rt.cache.notifications.unread };
  }

  markRead(ids: readonly string[]): { unread: number } {
    return this.read([...new Set(ids)]);
  }

  markAllRead(): { unread: number } {
    return this.read('all');
  }

  /** Deletes an entry here at once; the outbox tells the server. */
  delete(id: string): { unread: number } {
    const unread = this.rt.write((ctx) => {
      ctx.cache.outbox.enqueue({ op: 'notificationDelete', chatId: '', clientId: randomUUID(), id }, ctx.now().toISOString());
      return deleteLocally(ctx, id);
    });
    this.sync.flushOutbox();
    return { unread };
  }

  /** After connecting: the newest page, so the centre is filled for offline use. */
  async refresh(): Promise<void> {
    await this.list();
  }

  private read(ids: string[] | 'all'): { unread: number } {
    const unread = this.rt.write((ctx) => {
      const clientId = randomUUID();
      const now = ctx.now().toISOString();
      ctx.cache.outbox.enqueue(ids === 'all' ? { op: 'notificationsAllRead', chatId: '', clientId } : { op: 'notificationsRead', chatId: '', clientId, ids }, now);
      return readLocally(ctx, ids);
    });
    this.sync.flushOutbox();
    return { unread };
  }
}
