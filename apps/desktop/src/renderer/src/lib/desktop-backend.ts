import type { ConnectionState as CoreConnection, SearchPage } from '../../../core/types';
import type { RendererEvent } from '../../../shared/ipc-contract';
import { BackendError, type Backend, type BackendEvent, type ChatView, type ConnectionState, type Session, type UserView } from './backend';
import { caller, isSent, type ConfabBridge } from './desktop/bridge';
import { toChatView, toMessageView, toUserView } from './desktop/convert';
import { LiveMirror } from './desktop/live-mirror';
import { DesktopSends } from './desktop/sends';
import { Emitter, Observable } from './emitter';
import { serverFeatures } from './server-features';
import type { ServerCall } from '../../../shared/server-procedures';

/** Search results shown at most (the Backend's search has no paging; the cache has more). */
const SEARCH_LIMIT = 500;

/** What the desktop shell adds to the Backend: it can ask for a chat, and wants to know the open one. */
export interface DesktopExtras {
  /** A notification was clicked: the screens should show this chat. */
  onOpenChat(listener: (chatId: string) => void): () => void;
  /** The chat on screen (no OS notification for it). */
  setOpenChat(chatId: string | null): void;
}

/** The core is answering from its cache unless it is connected ('cache' in the banner). */
function connectionOf(state: CoreConnection): ConnectionState {
  if (state === 'online') return 'online';
  if (state === 'syncing') return 'syncing';
  return 'cache';
}

/**
 * The Electron build's Backend: every call goes over the preload bridge (`window.confab`) to
 * the desktop core in the main process, which answers from its SQLite cache at once and syncs
 * with the server in the background. Works offline: reads and search come from the cache, and
 * messages wait in the core's outbox until the server is reachable.
 */
export function createDesktopBackend(bridge: ConfabBridge): Backend & DesktopExtras {
  const call = caller(bridge);
  const sends = new DesktopSends();
  const mirror = new LiveMirror(call, sends);
  const connection = new Observable<ConnectionState>('cache');
  const signedOut = new Emitter<void>();
  const openChat = new Emitter<string>();
  const mediaUrls = new Map<string, Promise<string | null>>();
  // Groups, polls and chat-info actions: online, through the main process's session.
  const online = serverFeatures(((procedure, input) => call('callServer', { procedure, input })) as ServerCall);

  function forget(): void {
    sends.clear();
    mirror.clear();
    mediaUrls.clear();
  }

  bridge.onEvent((event: RendererEvent) => {
    switch (event.type) {
      case 'chats':
        void mirror.chatsChanged();
        break;
      case 'messages':
        void mirror.messagesChanged(event.chatId);
        break;
      case 'connection':
        connection.set(connectionOf(event.state));
        break;
      case 'typing':
      case 'presence':
        mirror.events.emit(event as BackendEvent);
        break;
      case 'server-event':
        mirror.events.emit(event.event);
        break;
      case 'error':
        if (event.messageId) mirror.refused(event.messageId, event.message);
        if (event.chatId) void mirror.messagesChanged(event.chatId);
        break;
      case 'session':
        if (!event.signedIn) {
          forget();
          signedOut.emit();
        }
        break;
      case 'open-chat':
        openChat.emit(event.chatId);
        break;
    }
  });

  async function startSession(user: UserView): Promise<Session> {
    connection.set(connectionOf(await call('connectionState', {})));
    return { user };
  }

  async function me(): Promise<UserView> {
    const profile = await call('getMe', {});
    if (!profile) throw new BackendError('UNAUTHORIZED', 'Sign in again.');
    return toUserView(profile);
  }

  async function remember(chat: ChatView): Promise<ChatView> {
    mirror.rememberChat(chat);
    return chat;
  }

  return {
    kind: 'desktop',

    auth: {
      async restore() {
        const { user } = await call('restoreSession', {});
        return user ? startSession(toUserView(user)) : null;
      },
      requestCode: (phone) => call('requestCode', { phone }),
      async verifyCode(phone, code) {
        forget();
        const { user, isNewUser } = await call('verifyCode', { phone, code });
        return { ...(await startSession(toUserView(user))), isNewUser };
      },
      async logout() {
        forget();
        await call('signOut', {});
      },
      onSignedOut: (listener) => signedOut.on(listener),
    },

    me: {
      get: me,
      update: async (changes) => toUserView(await call('updateProfile', changes)),
      setAvatar: async (mediaId) => toUserView(await call('setAvatar', { mediaId })),
      qrCode: () => call('getQrCode', {}),
    },

    chats: {
      async list() {
        const chats = (await call('listChats', {})).map(toChatView);
        mirror.rememberChats(chats);
        return chats;
      },
      async get(chatId) {
        const chat = await call('getChat', { chatId });
        if (!chat) throw new BackendError('NOT_FOUND', 'This chat is not available.');
        return remember(toChatView(chat));
      },
      openDirect: async (userId) => remember(toChatView(await call('openDirect', { userId }))),
      async markRead(chatId, seq) {
        await call('markRead', { chatId, seq });
      },
      async markDelivered(chatId, seq) {
        await call('markDelivered', { chatId, seq });
      },
      async typing(chatId) {
        await call('sendTyping', { chatId });
      },
      media: online.chats.media,
    },

    messages: {
      async history({ chatId, beforeSeq }) {
        const page = beforeSeq === undefined ? await call('openChat', { chatId }) : await call('loadOlder', { chatId, beforeSeq });
        const messages = page.messages.filter(isSent).map((m) => toMessageView(m, sends.screenIdOf(m.clientId)));
        mirror.rememberPage(chatId, messages, beforeSeq === undefined);
        return { messages, hasMore: page.hasMoreOlder };
      },
      async send({ chatId, clientId, text, replyToId, mentions }) {
        // The same screen message again (a retry after a refusal): retry the core's copy.
        const localId = sends.localIdOf(clientId);
        const coreClientId = sends.coreClientIdOf(clientId);
        if (localId && coreClientId) {
          const delivered = sends.wait(coreClientId, chatId);
          await call('retrySend', { messageId: localId });
          void mirror.messagesChanged(chatId);
          return delivered;
        }
        const pending = await call('sendMessage', { chatId, text, replyToId: replyToId ?? null, ...(mentions?.length ? { mentions } : {}) });
        const delivered = sends.track(pending.clientId, clientId, pending.id, chatId);
        void mirror.messagesChanged(chatId);
        return delivered;
      },
      async edit(messageId, text) {
        await call('editMessage', { messageId, text });
        const before = mirror.find(messageId);
        if (before) await mirror.messagesChanged(before.chatId);
        const after = mirror.find(messageId);
        if (!after) throw new BackendError('NOT_FOUND', 'This message is not available.');
        return after;
      },
      async delete(messageId, forEveryone) {
        await call('deleteMessage', { messageId, forEveryone });
      },
      async react(messageId, emoji) {
        await call('react', { messageId, emoji });
      },
      // Attachments are sent online (the file is already on the server); sync brings the copy into the cache.
      sendMedia: (input) => call('sendMedia', input),
      async unsent(chatId) {
        const { messages } = await call('readMessages', { chatId, limit: 200 });
        return messages
          .filter((m) => m.mine && m.status !== 'sent' && m.text !== null && sends.adopt(m.clientId, m.id, chatId))
          .map((m) => ({ clientId: m.clientId, chatId, text: m.text!, replyToId: m.replyToId, createdAt: m.createdAt, failed: m.status === 'failed' }));
      },
      async discardUnsent(clientId) {
        const localId = sends.localIdOf(clientId);
        if (localId) await call('discardFailed', { messageId: localId });
      },
      // Online: the copies and their receipts reach the cache through sync.
      forward: online.messages.forward,
      receipts: online.messages.receipts,
    },

    users: {
      async lookupPhone(phone) {
        const user = await call('lookupPhone', { phone });
        return user ? toUserView(user) : null;
      },
      byQr: async (token) => toUserView(await call('userByQr', { token })),
      presence: online.users.presence,
    },

    async search(query, options = {}) {
      const hits = [];
      let cursor: string | null = null;
      do {
        const page: SearchPage = await call('search', { query, limit: 200, ...(options.chatId ? { chatId: options.chatId } : {}), ...(cursor ? { cursor } : {}) });
        for (const hit of page.hits) if (isSent(hit.message)) hits.push({ message: toMessageView(hit.message), chatId: hit.message.chatId });
        cursor = page.nextCursor;
      } while (cursor && hits.length < SEARCH_LIMIT);
      return { hits, scope: 'cache', more: Boolean(cursor) };
    },

    media: {
      // The bytes cross the bridge once; the core sends them to the server (online only).
      async upload(file, onProgress, signal) {
        const total = file.size;
        onProgress({ loaded: 0, total });
        const bytes = new Uint8Array(await file.arrayBuffer());
        if (signal?.aborted) throw new BackendError('ABORTED', 'Upload cancelled.');
        const uploaded = await call('uploadMedia', {
          bytes,
          contentType: file.type || 'application/octet-stream',
          kind: uploadKindOf(file.type),
          ...(file instanceof File && file.name ? { fileName: file.name } : {}),
        });
        onProgress({ loaded: total, total });
        return { mediaId: uploaded.mediaId };
      },
      url(mediaId) {
        let url = mediaUrls.get(mediaId);
        if (!url) {
          url = call('mediaUrl', { mediaId })
            .catch(() => null)
            // Not downloadable now (offline): ask again next time.
            .then((found) => (found === null ? void mediaUrls.delete(mediaId) : undefined, found));
          mediaUrls.set(mediaId, url);
        }
        return url;
      },
    },

    chatSettings: online.chatSettings,
    groups: online.groups,
    contacts: online.contacts,
    polls: online.polls,

    onEvent: (listener) => mirror.events.on(listener),

    connection: {
      get: () => connection.get(),
      subscribe: (listener) => connection.subscribe(listener),
    },

    onOpenChat: (listener) => openChat.on(listener),
    setOpenChat(chatId) {
      void call('setOpenChat', { chatId }).catch(() => undefined);
    },
  };
}

/** What the server is told the file is; it sniffs the bytes and refuses a mismatch. */
function uploadKindOf(mime: string): 'image' | 'video' | 'audio' | 'document' {
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  return 'document';
}
