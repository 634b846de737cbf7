import { online } from './declare.js';

/** Stories (status updates), the notification centre and push devices: the server answers. */
export const stories = {
  'stories.post': online.mutation,
  'stories.delete': online.mutation,
  'stories.feed': online.query,
  'stories.mine': online.query,
  'stories.view': online.mutation,
  'stories.viewers': online.query,
  'stories.reply': online.mutation,
};

export const notificationCentre = {
  'notifications.list': online.query,
  'notifications.unreadCount': online.query,
  'notifications.markRead': online.mutation,
  'notifications.markAllRead': online.mutation,
  'notifications.delete': online.mutation,
};

export const devices = {
  'devices.register': online.mutation,
  'devices.list': online.query,
  'devices.remove': online.mutation,
  'devices.vapidPublicKey': online.query,
};
