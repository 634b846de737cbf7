import type { ServerCall } from '../../../shared/server-procedures';
import type { Backend, ChatSettingsBackend } from './backend';

/**
 * The features the screens use online, over any way of reaching the server's procedures:
 * the web build calls them over HTTP, the desktop build through its main process. One
 * implementation, so both builds offer the same groups, polls and chat-info actions.
 */
export type ServerFeatures = Pick<Backend, 'groups' | 'polls' | 'contacts' | 'chatSettings'> & {
  chats: Required<Pick<Backend['chats'], 'media'>>;
  messages: Required<Pick<Backend['messages'], 'forward' | 'receipts'>>;
  users: Required<Pick<Backend['users'], 'presence'>>;
};

export function serverFeatures(call: ServerCall): ServerFeatures {
  const byName = call as unknown as UntypedCall;
  return {
    groups: { call: (procedure, input) => byName(`groups.${procedure}`, input) as never },
    polls: { call: (procedure, input) => byName(`polls.${procedure}`, input) as never },
    contacts: { list: () => call('contacts.list') },
    chatSettings: chatSettings(call),
    chats: {
      media: ({ chatId, kind, cursor }) => call('chats.media', { chatId, kind, limit: 30, ...(cursor ? { cursor } : {}) }),
    },
    messages: {
      async forward(messageId, chatIds) {
        const { messages } = await call('messages.forward', { messageId, chatIds, clientId: crypto.randomUUID() });
        return messages;
      },
      async receipts(messageId) {
        const { receipts } = await call('messages.receipts', { messageId });
        return receipts;
      },
    },
    users: {
      presence: (userId) => call('users.presence', { userId }),
    },
  };
}

/** groups.* and polls.* pass through by name; the Backend's own types check their inputs. */
type UntypedCall = (procedure: string, input: unknown) => Promise<unknown>;

function chatSettings(call: ServerCall): ChatSettingsBackend {
  return {
    async commonGroups(userId) {
      const { groups } = await call('chats.commonGroups', { userId });
      return groups;
    },
    async setDisappearing(chatId, seconds) {
      await call('chats.setDisappearing', { chatId, seconds });
    },
    async mute(chatId, until) {
      await call('chats.mute', { chatId, until });
    },
    async hide(chatId, hidden) {
      await call('chats.hide', { chatId, hidden });
    },
    async clear(chatId) {
      await call('chats.clear', { chatId });
    },
    async setTheme(chatId, theme) {
      await call('chats.setTheme', { chatId, theme });
    },
    async setBackground(chatId, color) {
      await call('chats.setBackground', color ? { chatId, color } : { chatId });
    },
    async isBlocked(userId) {
      const list = await call('users.blocked');
      return list.some((b) => b.user.id === userId);
    },
    async block(userId) {
      await call('users.block', { userId });
    },
    async unblock(userId) {
      await call('users.unblock', { userId });
    },
    async report(userId, reason, messageIds) {
      await call('users.report', { userId, reason, ...(messageIds.length ? { messageIds } : {}) });
    },
  };
}
