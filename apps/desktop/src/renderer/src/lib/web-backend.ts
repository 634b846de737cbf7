import { SERVER_PROCEDURES, type ServerCall } from '../../../shared/server-procedures';
import { NOT_SUPPORTED, type Backend, type BackendEvent, type ChatView, type QrCode, type Session, type UserView } from './backend';
import { BufferedEmitter } from './emitter';
import { serverFeatures } from './server-features';
import { AuthSession } from './web/auth-session';
import { createHttpClients, type HttpClients } from './web/clients';
import { toBackendError } from './web/errors';
import { LiveSync } from './web/live-sync';
import { LoadedMessages } from './web/loaded-messages';
import { MediaCache } from './web/media-cache';
import { OptionalProcedures, readSearchHits } from './web/optional-procedures';
import { TokenStore } from './web/token-store';
import { uploadWithProgress } from './web/upload';

/**
 * The browser's Backend: talks to the Confab server it was loaded from (tRPC over HTTP for
 * calls, over WebSocket for the event stream), keeps its state in memory and its tokens in
 * sessionStorage. Nothing is cached offline.
 */
export function createWebBackend(baseUrl: string = window.location.origin): Backend {
  const tokens = new TokenStore();
  let clients: HttpClients | null = null;
  const http = () => (clients ??= createHttpClients(baseUrl, () => tokens.accessToken()));
  const session = new AuthSession(tokens, http);
  const sync = new LiveSync(baseUrl, session, http);
  const optional = new OptionalProcedures(http);
  const loaded = new LoadedMessages();
  const media = new MediaCache(baseUrl, () => session.freshToken());
  /** Whether the server has `messages.search`; unknown until the first search. */
  let serverSearch: boolean | null = null;

  /** What the UI hears: the stream, held until the signed-in screens start listening. */
  const events = new BufferedEmitter<BackendEvent>();
  sync.events.on((event) => {
    loaded.apply(event);
    if (event.type === 'session.revoked' && event.sessionId === tokens.get()?.sessionId) session.end(true);
    else events.emit(event);
  });
  session.signedOut.on(() => forget());

  function forget(): void {
    sync.stop();
    events.clear();
    loaded.clear();
    media.clear();
    serverSearch = null;
  }

  const authed = <T>(run: (c: HttpClients) => Promise<T>) => session.call(() => run(http()));
  const optionalCall = (path: string, input: unknown, likely: 'query' | 'mutation') => authed(() => optional.call(path, input, likely));
  const server = ((procedure, input) =>
    authed((c) => (SERVER_PROCEDURES[procedure] === 'query' ? c.untyped.query(procedure, input) : c.untyped.mutation(procedure, input)))) as ServerCall;
  const online = serverFeatures(server);

  async function currentUser(): Promise<UserView> {
    const user = await authed((c) => c.trpc.me.get.query());
    tokens.update({ user });
    return user;
  }

  return {
    kind: 'web',

    auth: {
      async restore(): Promise<Session | null> {
        if (!tokens.get()) return null;
        try {
          const user = await currentUser();
          void sync.start();
          return { user };
        } catch (error) {
          if (toBackendError(error).code === 'UNAUTHORIZED') {
            session.end(false);
            return null;
          }
          // Offline at start-up: carry on with the stored user; the stream connects when it can.
          void sync.start();
          return { user: tokens.get()!.user };
        }
      },
      async requestCode(phone) {
        try {
          return await http().trpc.auth.requestCode.mutate({ phone });
        } catch (error) {
          throw toBackendError(error);
        }
      },
      async verifyCode(phone, code) {
        let result;
        try {
          result = await http().trpc.auth.verifyCode.mutate({ phone, code, deviceName: deviceName() });
        } catch (error) {
          throw toBackendError(error);
        }
        session.begin({
          accessToken: result.accessToken,
          refreshToken: result.refreshToken,
          accessTokenExpiresAt: result.accessTokenExpiresAt,
          sessionId: result.sessionId,
          user: result.user,
        });
        void sync.start();
        return { user: result.user, isNewUser: result.isNewUser };
      },
      async logout() {
        try {
          if (tokens.get()) await authed((c) => c.trpc.auth.logout.mutate());
        } catch {
          // Signing out locally must work even when the server cannot be reached.
        } finally {
          forget();
          session.end(false);
        }
      },
      onSignedOut: (listener) => session.signedOut.on(listener),
    },

    me: {
      get: currentUser,
      async update(changes) {
        const user = await authed((c) => c.trpc.me.update.mutate(changes));
        tokens.update({ user });
        return user;
      },
      async setAvatar(mediaId) {
        const user = await authed((c) => c.trpc.me.setAvatar.mutate({ mediaId }));
        tokens.update({ user });
        return user;
      },
      async qrCode(): Promise<QrCode> {
        const { token, svg } = await authed((c) => c.trpc.me.qrCode.query());
        return { token, svg };
      },
    },

    chats: {
      async list(): Promise<ChatView[]> {
        const chats: ChatView[] = [];
        let cursor: number | undefined;
        do {
          const page = await authed((c) => c.trpc.chats.list.query(cursor === undefined ? {} : { cursor }));
          chats.push(...page.chats);
          cursor = page.nextCursor ?? undefined;
        } while (cursor !== undefined);
        for (const chat of chats) if (chat.lastMessage) loaded.addAll([chat.lastMessage]);
        return chats;
      },
      get: (chatId) => authed((c) => c.trpc.chats.get.query({ chatId })),
      openDirect: (userId) => authed((c) => c.trpc.chats.openDirect.mutate({ userId })),
      async markRead(chatId, seq) {
        await authed((c) => c.trpc.chats.markRead.mutate({ chatId, seq }));
      },
      async markDelivered(chatId, seq) {
        try {
          await optionalCall('chats.markDelivered', { chatId, seq }, 'mutation');
        } catch (error) {
          // Older servers have no delivery receipts; the tick then stays single until read.
          if (toBackendError(error).code !== NOT_SUPPORTED) throw error;
        }
      },
      async typing(chatId) {
        await authed((c) => c.trpc.chats.typing.mutate({ chatId }));
      },
      media: online.chats.media,
    },

    messages: {
      async history({ chatId, beforeSeq, limit = 50 }) {
        const page = await authed((c) => c.trpc.messages.history.query({ chatId, limit, ...(beforeSeq ? { beforeSeq } : {}) }));
        loaded.addAll(page.messages);
        return page;
      },
      async send({ chatId, clientId, text, replyToId, mentions }) {
        const message = await authed((c) => c.trpc.messages.send.mutate({ chatId, clientId, kind: 'text', text, ...(replyToId ? { replyToId } : {}), ...(mentions?.length ? { mentions } : {}) }));
        loaded.addAll([message]);
        return message;
      },
      async edit(messageId, text) {
        const message = await authed((c) => c.trpc.messages.edit.mutate({ messageId, text }));
        loaded.addAll([message]);
        return message;
      },
      async delete(messageId, forEveryone) {
        await authed((c) => c.trpc.messages.delete.mutate({ messageId, forEveryone }));
      },
      async react(messageId, emoji) {
        await authed((c) => c.trpc.messages.react.mutate({ messageId, emoji }));
      },
      async sendMedia({ chatId, clientId, kind, mediaId, text, replyToId }) {
        const message = await authed((c) =>
          c.trpc.messages.send.mutate({ chatId, clientId, kind, mediaId, ...(text ? { text } : {}), ...(replyToId ? { replyToId } : {}) }),
        );
        loaded.addAll([message]);
        return message;
      },
      async forward(messageId, chatIds) {
        const messages = await online.messages.forward(messageId, chatIds);
        loaded.addAll(messages);
        return messages;
      },
      receipts: online.messages.receipts,
    },

    users: {
      async lookupPhone(phone) {
        const matches = await authed((c) => c.trpc.users.lookup.mutate({ phones: [phone] }));
        return matches[0]?.user ?? null;
      },
      byQr: (scanned) => authed((c) => c.trpc.users.byQr.mutate({ token: scanned })),
      presence: online.users.presence,
    },

    async search(query, options = {}) {
      if (serverSearch !== false) {
        try {
          const result = await optionalCall('messages.search', { query, ...(options.chatId ? { chatId: options.chatId } : {}) }, 'query');
          serverSearch = true;
          return { hits: readSearchHits(result), scope: 'server' };
        } catch (error) {
          if (toBackendError(error).code !== NOT_SUPPORTED) throw error;
          serverSearch = false;
        }
      }
      return { hits: loaded.search(query, options.chatId), scope: 'loaded' };
    },

    chatSettings: online.chatSettings,

    media: {
      upload: async (file, onProgress, signal) => uploadWithProgress(`${baseUrl}/media`, file, await session.freshToken(), onProgress, signal),
      url: (mediaId, variant = 'full') => media.url(mediaId, variant),
    },

    groups: online.groups,
    contacts: online.contacts,
    polls: online.polls,

    onEvent: (listener) => events.on(listener),

    connection: {
      get: () => sync.state.get(),
      subscribe: (listener) => sync.state.subscribe(listener),
    },
  };
}

/** "Chrome on Linux": what the sessions list shows for this sign-in. */
function deviceName(): string {
  const ua = navigator.userAgent;
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrome\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : 'Browser';
  const os = /Windows/.test(ua) ? 'Windows' : /Mac OS/.test(ua) ? 'macOS' : /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Linux/.test(ua) ? 'Linux' : '';
  return `Confab Web · ${browser}${os ? ` on ${os}` : ''}`;
}
