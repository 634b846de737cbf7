import { z } from 'zod';
import type { AuthedContext } from '../trpc.js';
import { toNotificationViews } from './notification-view.js';
import { unreadCount } from './notify.js';

export const listNotificationsInput = z
  .object({
    /** The `nextCursor` of the previous page. */
    cursor: z.string().max(100).optional(),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .strict()
  .optional();

const encode = (at: Date, id: string) => `${at.toISOString()}|${id}`;
function decode(cursor: string): { at: Date; id: string } | null {
  const [at, id] = cursor.split('|');
  const date = new Date(at ?? '');
  return id && !Number.isNaN(date.getTime()) ? { at: date, id } : null;
}

/** My notifications, latest first, a page at a time, with how many are unread. */
export async function listNotifications(ctx: AuthedContext, input: z.infer<typeof listNotificationsInput>) {
  const { db } = ctx.deps;
  const me = ctx.user.id;
  const limit = input?.limit ?? 50;
  const after = input?.cursor ? decode(input.cursor) : null;
  const rows = await db
    .selectFrom('notifications')
    .selectAll()
    .where('userId', '=', me)
    .$if(after !== null, (q) => q.where((eb) => eb.or([eb('updatedAt', '<', after!.at), eb.and([eb('updatedAt', '=', after!.at), eb('id', '<', after!.id)])])))
    .orderBy('updatedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    notifications: await toNotificationViews(db, page),
    nextCursor: rows.length > limit && last ? encode(new Date(last.updatedAt), last.id) : null,
    unread: await unreadCount(db, me),
  };
}

export async function unread(ctx: AuthedContext) {
  return { unread: await unreadCount(ctx.deps.db, ctx.user.id) };
}
