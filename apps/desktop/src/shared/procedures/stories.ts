import { z } from 'zod';
import { id, none } from './bounds.js';
import { cached, online } from './declare.js';

/**
 * Stories (status updates), the notification centre and push devices. The desktop keeps the
 * story lists and the notification centre in its cache (offline too; story views and
 * notification reads and deletions made offline are queued); posting, deleting and replying to
 * stories need the server.
 */
export const stories = {
  'stories.post': online.mutation,
  'stories.delete': online.mutation,
  'stories.feed': cached.query(none),
  'stories.mine': cached.query(none),
  'stories.view': cached.mutation(z.object({ storyId: id }).strict()),
  'stories.viewers': online.query,
  'stories.reply': online.mutation,
};

export const notificationCentre = {
  'notifications.list': cached.query(z.object({ cursor: z.string().max(100).optional(), limit: z.number().int().min(1).max(100).optional() }).strict()),
  'notifications.unreadCount': cached.query(none),
  'notifications.markRead': cached.mutation(z.object({ ids: z.array(id).min(1).max(500) }).strict()),
  'notifications.markAllRead': cached.mutation(none),
  'notifications.delete': cached.mutation(z.object({ id }).strict()),
};

export const devices = {
  'devices.register': online.mutation,
  'devices.list': online.query,
  'devices.remove': online.mutation,
  'devices.vapidPublicKey': online.query,
};
