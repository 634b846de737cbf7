import type { DesktopCore } from '../core/index.js';
import type { ApiClient } from '../core/sync/transport.js';
import type { InvokeMethod, Payloads, Results } from '../shared/ipc-contract.js';
import type { FocusState } from './focus.js';
import { callServerProcedure } from './server-call.js';

/**
 * What each bridge method does, over the desktop core: the one table both the Electron IPC
 * adapter (ipc.ts) and the Chromium harness dispatch to, after the sender check and the zod
 * validation. Plain Node: no electron import.
 */
export type Handlers = { [M in InvokeMethod]: (payload: Payloads[M]) => Promise<Results[M]> };

export interface HandlerDeps {
  core: DesktopCore;
  /** A URL the page may load for a downloaded attachment (app://… in Electron). */
  mediaUrl(mediaId: string): string;
  /** The chat on screen and the window's focus, for the notification policy. */
  focus: FocusState;
}

export function createHandlers({ core, mediaUrl, focus }: HandlerDeps): Handlers {
  /** Online-only actions (the cache cannot answer them): the core's signed-in tRPC client. */
  const api = (): ApiClient => core.api;

  const done = async (work: Promise<unknown>): Promise<null> => {
    await work;
    return null;
  };

  return {
    restoreSession: async () => ({ user: await core.me() }),
    requestCode: ({ phone }) => core.requestCode(phone),
    verifyCode: ({ phone, code }) => core.verifyCode(phone, code),
    signOut: () => done(core.signOut()),

    getMe: async () => {
      const cached = await core.me();
      if (!cached) return null;
      // The server's copy when reachable (the core keeps the profile from sign-in); else the cache's.
      return (await connectedState(core)) ? await api().me.get.query().catch(() => cached) : cached;
    },
    updateProfile: (changes) => api().me.update.mutate(changes),
    setAvatar: ({ mediaId }) => api().me.setAvatar.mutate({ mediaId }),
    getQrCode: async () => {
      const { token, svg } = await api().me.qrCode.query();
      return { token, svg };
    },

    listChats: ({ includeHidden }) => core.listChats({ includeHidden: includeHidden ?? false }),
    getChat: ({ chatId }) => core.getChat(chatId),
    openDirect: ({ userId }) => core.openDirect(userId),
    openChat: async ({ chatId }) => {
      // openChat tells the core the chat is on screen; the FocusState must agree with it.
      const page = await core.openChat(chatId);
      await focus.setOpenChat(chatId);
      return page;
    },
    setOpenChat: ({ chatId }) => done(focus.setOpenChat(chatId)),
    readMessages: ({ chatId, beforeSeq, limit }) => core.readMessages(chatId, { ...(beforeSeq === undefined ? {} : { beforeSeq }), ...(limit === undefined ? {} : { limit }) }),
    loadOlder: ({ chatId, beforeSeq }) => core.loadOlder(chatId, beforeSeq),
    markRead: ({ chatId, seq }) => done(core.markRead(chatId, seq)),
    markDelivered: ({ chatId, seq }) => done(api().chats.markDelivered.mutate({ chatId, seq })),
    sendTyping: ({ chatId }) => done(core.typing(chatId)),

    sendMessage: ({ chatId, text, replyToId, mentions }) => core.send(chatId, text, replyToId ?? null, mentions ?? []),
    retrySend: ({ messageId }) => done(core.retrySend(messageId)),
    discardFailed: ({ messageId }) => done(core.discardFailed(messageId)),
    editMessage: ({ messageId, text }) => done(core.edit(messageId, text)),
    deleteMessage: ({ messageId, forEveryone }) => done(core.delete(messageId, forEveryone)),
    react: ({ messageId, emoji }) => done(core.react(messageId, emoji)),

    lookupPhone: async ({ phone }) => {
      const matches = await api().users.lookup.mutate({ phones: [phone] });
      return matches[0]?.user ?? null;
    },
    userByQr: ({ token }) => api().users.byQr.mutate({ token }),

    search: ({ query, ...options }) => core.search(query, options),
    mediaUrl: async ({ mediaId }) => {
      const info = await core.downloadMedia(mediaId).catch(() => null);
      return info?.localPath ? mediaUrl(mediaId) : null;
    },
    uploadMedia: ({ bytes, contentType, fileName, kind }) => core.uploadMedia({ bytes, contentType, fileName, kind }),
    sendMedia: (input) => api().messages.send.mutate(input),
    callServer: ({ procedure, input }) => callServerProcedure(api(), procedure, input),
    connectionState: () => core.connectionState(),
    reconnectNow: () => done(core.reconnectNow()),
  };
}

const connectedState = async (core: DesktopCore) => (await core.connectionState()) === 'online';
