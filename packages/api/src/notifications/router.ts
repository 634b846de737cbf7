import { authedProcedure, router } from '../trpc.js';
import { deleteNotification, markAllRead, markRead, markReadInput, notificationIdInput } from './change-notifications.js';
import { listNotifications, listNotificationsInput, unread } from './list-notifications.js';

export const notificationsRouter = router({
  list: authedProcedure.input(listNotificationsInput).query(({ ctx, input }) => listNotifications(ctx, input)),
  unreadCount: authedProcedure.query(({ ctx }) => unread(ctx)),
  markRead: authedProcedure.input(markReadInput).mutation(({ ctx, input }) => markRead(ctx, input)),
  markAllRead: authedProcedure.mutation(({ ctx }) => markAllRead(ctx)),
  delete: authedProcedure.input(notificationIdInput).mutation(({ ctx, input }) => deleteNotification(ctx, input)),
});
