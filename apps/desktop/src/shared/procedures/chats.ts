import { z } from 'zod';
import { cached, online } from './declare.js';
import { id, seq } from './bounds.js';

/** The chat list and each chat's own settings. */
export const chats = {
  'chats.list': cached.query(z.object({ cursor: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(200).optional(), includeHidden: z.boolean().optional() }).strict()),
  'chats.get': cached.query(z.object({ chatId: id }).strict()),
  'chats.openDirect': cached.mutation(z.object({ userId: id }).strict()),
  'chats.markRead': cached.mutation(z.object({ chatId: id, seq }).strict()),
  'chats.typing': cached.mutation(z.object({ chatId: id }).strict()),
  'chats.markDelivered': online.mutation,
  'chats.media': online.query,
  'chats.commonGroups': online.query,
  'chats.setDisappearing': online.mutation,
  'chats.mute': online.mutation,
  'chats.hide': online.mutation,
  'chats.pin': online.mutation,
  'chats.archive': online.mutation,
  'chats.clear': online.mutation,
  'chats.setTheme': online.mutation,
  'chats.setBackground': online.mutation,
  'chats.setLabels': online.mutation,
};
