import type { SyncEvent } from '@confab/api';
import type { WriteContext } from './change-set.js';
import type { NotificationPage } from './server-views.js';

type NotificationEvent = Extract<SyncEvent, { type: 'notification' }>;

/** A `notification` event: an entry added or regrouped, some read, some deleted; the count as the server has it. */
export function notificationEvent(ctx: WriteContext, event: NotificationEvent): void {
  const { notifications } = ctx.cache;
  if ('notification' in event) {
    notifications.upsert(event.notification);
    notifications.trim();
  } else if (event.action === 'read') notifications.markRead(event.ids);
  else notifications.remove(event.ids);
  notifications.setUnread(event.unread - pendingReadsOver(ctx));
}

/**
 * A page of `notifications.list`. The newest page replaces what the cache held down to its last
 * entry (entries deleted meanwhile, on any device, go). Reads queued here and not yet sent stay
 * read, and the count leaves them out.
 */
export function storeNotificationPage(ctx: WriteContext, page: NotificationPage, cursor: string | undefined): void {
  const { notifications } = ctx.cache;
  if (cursor === undefined) {
    const returned = new Set(page.notifications.map((n) => n.id));
    const oldest = page.nextCursor === null ? null : (page.notifications.at(-1) ?? null);
    notifications.remove(notifications.idsFrom(oldest).filter((id) => !returned.has(id)));
  }
  for (const entry of page.notifications) notifications.upsert(entry);
  notifications.trim();
  notifications.setUnread(page.unread - pendingReadsOver(ctx));
}

/** Deletes an entry here (the outbox tells the server); returns the unread count now. */
export function deleteLocally(ctx: WriteContext, id: string): number {
  const { notifications } = ctx.cache;
  notifications.setUnread(notifications.unread - notifications.remove([id]));
  ctx.changes.events.push({ type: 'notification', action: 'deleted', ids: [id], unread: notifications.unread });
  return notifications.unread;
}

/** Marks entries read here (the outbox tells the server); returns the unread count now. */
export function readLocally(ctx: WriteContext, ids: readonly string[] | 'all'): number {
  const { notifications } = ctx.cache;
  const changed = ids === 'all' ? notifications.markAllRead() : ids.filter((id) => notifications.markRead([id]) > 0);
  const unread = ids === 'all' ? 0 : notifications.unread - changed.length;
  notifications.setUnread(unread);
  if (changed.length > 0 || ids === 'all') ctx.changes.events.push({ type: 'notification', action: 'read', ids: changed, unread: notifications.unread });
  return notifications.unread;
}

/**
 * The server's answer does not know about reads and deletions still in the outbox: apply them
 * again to what it sent, and return how many of its unread entries they cover (everything, for
 * "mark all").
 */
function pendingReadsOver(ctx: WriteContext): number {
  const { notifications, outbox } = ctx.cache;
  let covered = 0;
  for (const item of outbox.pendingNotificationChanges()) {
    if (item.op === 'notificationsAllRead') {
      notifications.markAllRead();
      covered = Number.MAX_SAFE_INTEGER;
    } else if (item.op === 'notificationDelete') covered += notifications.remove([item.id]);
    else covered += notifications.markRead(item.ids);
  }
  return Math.min(covered, Number.MAX_SAFE_INTEGER);
}
