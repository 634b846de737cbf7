import type { MeView } from '@confab/api';
import { ClientError, NETWORK_MESSAGE } from '../../shared/errors.js';
import type { Handlers } from '../../shared/procedures/index.js';
import type { DesktopCore } from '../desktop-core.js';
import { isSent, toChatView, toMessageView, toUserView } from './views.js';

/** What main adds itself: a URL the window can load, and the window's focus. */
export type MainOnly = 'files.url' | 'shell.setOpenChat';

export type CoreProcedures = Handlers<Exclude<import('../../shared/procedures/index.js').DeviceName, MainOnly>>;

/**
 * The procedures the desktop core answers for the page, in the server's shapes: the server's
 * own procedures from the cache and outbox (`cached`), and the device's (`local`). Main
 * dispatches the page's validated calls here.
 */
export function pageProcedures(core: DesktopCore): CoreProcedures {
  const viewOf = (messageId: string) => {
    const message = core.messages.byId(messageId);
    if (!message || !isSent(message)) throw new ClientError('NOT_FOUND', 'This message is not available.');
    return toMessageView(message);
  };

  return {
    'session.restore': async () => {
      const me = core.session.me();
      return { user: me ? toUserView(me) : null };
    },
    'session.requestCode': ({ phone }) => core.session.requestCode(phone),
    'session.verifyCode': async ({ phone, code }) => {
      const { user, isNewUser } = await core.session.verifyCode(phone, code);
      return { user: toUserView(user), isNewUser };
    },
    'session.signOut': async () => {
      await core.session.signOut();
      return null;
    },

    'me.get': async () => {
      const profile = await core.session.profile();
      if (!profile) throw new ClientError('UNAUTHORIZED', 'Sign in again.');
      if (!('createdAt' in profile)) throw new ClientError('NETWORK', NETWORK_MESSAGE);
      return profile as MeView;
    },

    'chats.list': async ({ cursor, limit, includeHidden }) => {
      const all = core.chats.list({ includeHidden: includeHidden ?? false }).map(toChatView);
      const from = cursor ?? 0;
      const to = limit === undefined ? all.length : from + limit;
      return { chats: all.slice(from, to), nextCursor: to < all.length ? to : null };
    },
    'chats.get': async ({ chatId }) => {
      if (!core.chats.get(chatId)) await core.chats.fetch([chatId]);
      const chat = core.chats.get(chatId);
      if (!chat) throw new ClientError('NOT_FOUND', 'Chat not found');
      return toChatView(chat);
    },
    'chats.openDirect': async ({ userId }) => toChatView(await core.chats.openDirect(userId)),
    'chats.markRead': async ({ chatId, seq }) => {
      core.chats.markRead(chatId, seq);
      return { lastReadSeq: core.chats.get(chatId)?.lastReadSeq ?? seq };
    },
    'chats.typing': async ({ chatId }) => {
      await core.chats.typing(chatId);
      return { ok: true as const };
    },

    'messages.history': async ({ chatId, beforeSeq, limit }) => {
      const page = beforeSeq === undefined ? core.messages.openChat(chatId) : await core.messages.loadOlder(chatId, beforeSeq, limit);
      return { messages: page.messages.filter(isSent).map(toMessageView), hasMore: page.hasMoreOlder };
    },
    'messages.edit': async ({ messageId, text }) => {
      core.messages.edit(messageId, text);
      return viewOf(messageId);
    },
    'messages.delete': async ({ messageId, forEveryone }) => {
      core.messages.delete(messageId, forEveryone);
      return { ok: true as const };
    },
    'messages.react': async ({ messageId, emoji, emoticonId }) => {
      if ((emoji === undefined) === (emoticonId === undefined)) throw new Error('React with an emoji or with one of your emoticons');
      core.messages.react(messageId, emoticonId !== undefined ? { emoticonId } : (emoji ?? null));
      return { ok: true as const };
    },
    'messages.search': async ({ query, chatId, cursor, limit }) => {
      const page = core.search.search(query, { ...(chatId ? { chatId } : {}), ...(cursor ? { cursor } : {}), ...(limit ? { limit } : {}) });
      return { results: page.hits.flatMap((hit) => (isSent(hit.message) ? [{ chatId: hit.message.chatId, message: toMessageView(hit.message) }] : [])), nextCursor: page.nextCursor };
    },

    'outbox.send': async ({ chatId, clientId, text, replyToId, mentions }) => {
      const message = core.outbox.send(chatId, text, { clientId, replyToId: replyToId ?? null, mentions: mentions ?? [] });
      return isSent(message) ? toMessageView(message) : null;
    },
    'outbox.unsent': async ({ chatId }) =>
      core.outbox.unsent(chatId).flatMap((m) =>
        m.mine && m.text !== null ? [{ clientId: m.clientId, chatId, text: m.text, replyToId: m.replyToId, createdAt: m.createdAt, failed: m.status === 'failed' }] : [],
      ),
    'outbox.discard': async ({ chatId, clientId }) => {
      const refused = core.outbox.unsent(chatId).find((m) => m.clientId === clientId && m.status === 'failed');
      if (refused) core.outbox.discard(refused.id);
      return null;
    },

    'files.upload': (request) => core.media.upload(request),

    'stories.feed': () => core.stories.feed(),
    'stories.mine': () => core.stories.mine(),
    'stories.view': async ({ storyId }) => {
      core.stories.view(storyId);
      return { ok: true as const };
    },

    'notifications.list': ({ cursor, limit }) => core.notificationCentre.list({ ...(cursor ? { cursor } : {}), ...(limit ? { limit } : {}) }),
    'notifications.unreadCount': async () => core.notificationCentre.unreadCount(),
    'notifications.markRead': async ({ ids }) => core.notificationCentre.markRead(ids),
    'notifications.markAllRead': async () => core.notificationCentre.markAllRead(),
    'notifications.delete': async ({ id }) => core.notificationCentre.delete(id),

    'emoticons.list': () => core.emoticons.list(),

    'shell.connectionState': async () => core.sync.state,
    'shell.setCall': async ({ call }) => {
      core.callAlerts.declare(call);
      return null;
    },
  };
}
