import type { Database, NotificationKind } from '@confab/db';
import { sql, type Kysely, type Transaction } from 'kysely';
import { blockedEitherWay } from '../chats/blocks.repo.js';
import { newId } from '../lib/ids.js';
import type { Emit } from '../lib/transact.js';
import { actorIdsOf, toNotificationViews } from './notification-view.js';

/** Which `settings.notifications` switch governs a notification. */
export type NotificationCategory = 'messages' | 'groups' | 'stories' | 'reactions';

export interface NewNotification {
  userId: string;
  actorId: string;
  kind: NotificationKind;
  category: NotificationCategory;
  chatId?: string | null;
  messageId?: string | null;
  storyId?: string | null;
  invitationId?: string | null;
  emoji?: string | null;
  snippet?: string | null;
  /** Entries with the same key are one: a new actor joins it, and it becomes unread again. */
  groupKey?: string | null;
  now: Date;
}

const SNIPPET = 100;
export const snippetOf = (text: string | null | undefined): string | null => (text ? (text.length > SNIPPET ? `${text.slice(0, SNIPPET - 1)}…` : text) : null);

const CATEGORY_COLUMN = { messages: 'notifyMessages', groups: 'notifyGroups', stories: 'notifyStories', reactions: 'notifyReactions' } as const;

/** Whether the user wants this category of notification (no settings row: every default, on). */
async function wants(db: Kysely<Database>, userId: string, category: NotificationCategory): Promise<boolean> {
  const row = await db.selectFrom('userSettings').select(CATEGORY_COLUMN[category]).where('userId', '=', userId).executeTakeFirst();
  return row ? Boolean((row as Record<string, unknown>)[CATEGORY_COLUMN[category]]) : true;
}

export async function unreadCount(db: Kysely<Database>, userId: string): Promise<number> {
  const row = await db.selectFrom('notifications').select(sql<number>`count(*)::int`.as('n')).where('userId', '=', userId).where('readAt', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Stores a notification for someone (in the caller's transaction) and sends them `notification`,
 * unless it is about themselves, they turned that category off, or the two block each other.
 */
export async function notify(trx: Transaction<Database>, emit: Emit, n: NewNotification): Promise<void> {
  if (n.userId === n.actorId) return;
  if (!(await wants(trx, n.userId, n.category))) return;
  if ((await blockedEitherWay(trx, n.userId, [n.actorId])).size > 0) return;
  const existing = n.groupKey
    ? await trx.selectFrom('notifications').selectAll().where('userId', '=', n.userId).where('groupKey', '=', n.groupKey).forUpdate().executeTakeFirst()
    : undefined;
  const actorIds = JSON.stringify([n.actorId, ...(existing ? actorIdsOf(existing).filter((id) => id !== n.actorId) : [])]);
  const row = existing
    ? await trx
        .updateTable('notifications')
        .set({ actorIds, emoji: n.emoji ?? null, snippet: n.snippet ?? null, updatedAt: n.now, readAt: null })
        .where('id', '=', existing.id)
        .returningAll()
        .executeTakeFirstOrThrow()
    : await trx
        .insertInto('notifications')
        .values({
          id: newId(),
          userId: n.userId,
          kind: n.kind,
          chatId: n.chatId ?? null,
          messageId: n.messageId ?? null,
          storyId: n.storyId ?? null,
          invitationId: n.invitationId ?? null,
          actorIds,
          emoji: n.emoji ?? null,
          snippet: n.snippet ?? null,
          groupKey: n.groupKey ?? null,
          createdAt: n.now,
          updatedAt: n.now,
          readAt: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
  const [view] = await toNotificationViews(trx, [row]);
  emit([n.userId], { type: 'notification', action: existing ? 'updated' : 'new', notification: view!, unread: await unreadCount(trx, n.userId) });
}

/** Takes an actor out of a grouped notification (a reaction taken back); the last one out removes it. */
export async function withdraw(trx: Transaction<Database>, emit: Emit, userId: string, groupKey: string, actorId: string, emoji: string | null = null): Promise<void> {
  const existing = await trx.selectFrom('notifications').selectAll().where('userId', '=', userId).where('groupKey', '=', groupKey).forUpdate().executeTakeFirst();
  if (!existing || !actorIdsOf(existing).includes(actorId)) return;
  const remaining = actorIdsOf(existing).filter((id) => id !== actorId);
  if (remaining.length === 0) {
    await trx.deleteFrom('notifications').where('id', '=', existing.id).execute();
    emit([userId], { type: 'notification', action: 'deleted', ids: [existing.id], unread: await unreadCount(trx, userId) });
    return;
  }
  const row = await trx.updateTable('notifications').set({ actorIds: JSON.stringify(remaining), emoji }).where('id', '=', existing.id).returningAll().executeTakeFirstOrThrow();
  const [view] = await toNotificationViews(trx, [row]);
  emit([userId], { type: 'notification', action: 'updated', notification: view!, unread: await unreadCount(trx, userId) });
}
