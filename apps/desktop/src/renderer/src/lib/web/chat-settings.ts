import type { ChatSettingsBackend } from '../backend';
import type { HttpClients } from './clients';

/** The web client's chat-info calls: straight to the server's chats.* and users.* procedures. */
export function webChatSettings(authed: <T>(run: (c: HttpClients) => Promise<T>) => Promise<T>): ChatSettingsBackend {
  return {
    async commonGroups(userId) {
      const { groups } = await authed((c) => c.trpc.chats.commonGroups.query({ userId }));
      return groups;
    },
    async setDisappearing(chatId, seconds) {
      await authed((c) => c.trpc.chats.setDisappearing.mutate({ chatId, seconds }));
    },
    async mute(chatId, until) {
      await authed((c) => c.trpc.chats.mute.mutate({ chatId, until }));
    },
    async hide(chatId, hidden) {
      await authed((c) => c.trpc.chats.hide.mutate({ chatId, hidden }));
    },
    async clear(chatId) {
      await authed((c) => c.trpc.chats.clear.mutate({ chatId }));
    },
    async setTheme(chatId, theme) {
      await authed((c) => c.trpc.chats.setTheme.mutate({ chatId, theme }));
    },
    async setBackground(chatId, color) {
      await authed((c) => c.trpc.chats.setBackground.mutate(color ? { chatId, color } : { chatId }));
    },
    async isBlocked(userId) {
      const list = await authed((c) => c.trpc.users.blocked.query());
      return list.some((b) => b.user.id === userId);
    },
    async block(userId) {
      await authed((c) => c.trpc.users.block.mutate({ userId }));
    },
    async unblock(userId) {
      await authed((c) => c.trpc.users.unblock.mutate({ userId }));
    },
    async report(userId, reason, messageIds) {
      await authed((c) => c.trpc.users.report.mutate({ userId, reason, ...(messageIds.length ? { messageIds } : {}) }));
    },
  };
}
