import { carriesEmoticon, withoutEmoticon } from '../../../../shared/emoticon-meta';
import { reactsWithEmoticon, withReaction, withoutReactionEmoticon } from '../../../../shared/reactions';
import type { BackendEvent, ChatView, ConnectionState, MessageView, UserView } from '../../lib/backend';

/** A message typed here that the server has not confirmed yet (or refused). */
export interface PendingMessage {
  clientId: string;
  chatId: string;
  text: string;
  replyToId: string | null;
  createdAt: string;
  error: string | null;
  /** Group members named with @ in the text. */
  mentions?: string[];
}

export interface ConversationState {
  /** A contiguous run of the newest messages, oldest first. */
  messages: MessageView[];
  hasMore: boolean;
  loading: boolean;
  error: string | null;
}

export interface Receipt {
  readSeq: number;
  deliveredSeq: number;
}

export interface MessengerState {
  me: UserView | null;
  chats: Record<string, ChatView>;
  chatsLoaded: boolean;
  chatsError: string | null;
  conversations: Record<string, ConversationState>;
  pending: PendingMessage[];
  /** chatId → userId → typing until (ms since epoch). */
  typing: Record<string, Record<string, number>>;
  /** chatId → userId → how far that member has received/read. */
  receipts: Record<string, Record<string, Receipt>>;
  activeChatId: string | null;
  /** A message to scroll to and flash (search results, reply quotes). */
  highlight: { chatId: string; messageId: string; nonce: number } | null;
  /** The open chat had unread messages when it opened: those after this seq (the line stays until another chat opens). */
  unreadMarker: { chatId: string; afterSeq: number; count: number } | null;
  connection: ConnectionState;
}

export const initialState: MessengerState = {
  me: null,
  chats: {},
  chatsLoaded: false,
  chatsError: null,
  conversations: {},
  pending: [],
  typing: {},
  receipts: {},
  activeChatId: null,
  highlight: null,
  unreadMarker: null,
  connection: 'connecting',
};

export const TYPING_SHOWN_MS = 6_000;

/** Adds or replaces messages by seq, keeping the list sorted. */
export function mergeMessages(existing: readonly MessageView[], incoming: readonly MessageView[]): MessageView[] {
  if (incoming.length === 0) return existing as MessageView[];
  const bySeq = new Map<number, MessageView>();
  for (const m of existing) bySeq.set(m.seq, m);
  for (const m of incoming) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** The main list: pinned chats first (the newest pin on top), then by latest activity; no archived ones, no message requests. */
export function sortedChats(chats: Record<string, ChatView>, now = new Date()): ChatView[] {
  return Object.values(chats)
    .filter((c) => !c.hidden && !c.messageRequest && !isArchived(c, now))
    .sort((a, b) => (b.pinnedAt ?? '').localeCompare(a.pinnedAt ?? '') || activity(b).localeCompare(activity(a)) || b.id.localeCompare(a.id));
}

/** The "Archived" folder, latest activity first. */
export function archivedChats(chats: Record<string, ChatView>, now = new Date()): ChatView[] {
  return Object.values(chats)
    .filter((c) => !c.hidden && !c.messageRequest && isArchived(c, now))
    .sort((a, b) => activity(b).localeCompare(activity(a)) || b.id.localeCompare(a.id));
}

/** First messages from strangers (while I take messages from contacts only), kept apart as Signal does; newest first. */
export function messageRequestChats(chats: Record<string, ChatView>): ChatView[] {
  return Object.values(chats)
    .filter((c) => !c.hidden && c.messageRequest)
    .sort((a, b) => activity(b).localeCompare(activity(a)) || b.id.localeCompare(a.id));
}

/** As the server decides it (chats/chat-view.ts): archived while nothing newer came, or while muted. */
export function isArchived(chat: Pick<ChatView, 'archivedSeq' | 'lastSeq' | 'mutedUntil'>, now = new Date()): boolean {
  if (chat.archivedSeq === null || chat.archivedSeq === undefined) return false;
  return (chat.mutedUntil !== null && new Date(chat.mutedUntil) > now) || chat.lastSeq <= chat.archivedSeq;
}

/** The title's count: message requests wait quietly in their folder and do not add to it (as in Signal). */
export function totalUnread(chats: Record<string, ChatView>): number {
  let total = 0;
  for (const chat of Object.values(chats)) if (!chat.hidden && !chat.messageRequest) total += chat.unreadCount;
  return total;
}

function activity(chat: ChatView): string {
  return chat.lastMessage?.createdAt ?? chat.createdAt;
}

function updateConversation(state: MessengerState, chatId: string, update: (c: ConversationState) => ConversationState): MessengerState {
  const conversation = state.conversations[chatId];
  if (!conversation) return state;
  return { ...state, conversations: { ...state.conversations, [chatId]: update(conversation) } };
}

function updateMessage(state: MessengerState, chatId: string, messageId: string, update: (m: MessageView) => MessageView | null): MessengerState {
  const next = updateConversation(state, chatId, (c) => {
    const index = c.messages.findIndex((m) => m.id === messageId);
    if (index < 0) return c;
    const changed = update(c.messages[index]!);
    const messages = [...c.messages];
    if (changed) messages[index] = changed;
    else messages.splice(index, 1);
    return { ...c, messages };
  });
  const chat = next.chats[chatId];
  if (!chat?.lastMessage || chat.lastMessage.id !== messageId) return next;
  const last = update(chat.lastMessage);
  return { ...next, chats: { ...next.chats, [chatId]: { ...chat, lastMessage: last ?? next.conversations[chatId]?.messages.at(-1) ?? null } } };
}

/** Every loaded message (and chat preview) drawing `:shortcut:` with this emoticon, inline or as a reaction, shows the text instead. */
function forgetEmoticon(state: MessengerState, shortcut: string, emoticonId: string): MessengerState {
  const inline = (m: MessageView) => carriesEmoticon(m.meta, shortcut, emoticonId);
  const reacted = (m: MessageView) => reactsWithEmoticon(m.reactions, emoticonId);
  const strip = (m: MessageView): MessageView => {
    const meta = inline(m) ? withoutEmoticon(m.meta!, shortcut) : m.meta;
    return inline(m) || reacted(m) ? { ...m, meta, reactions: withoutReactionEmoticon(m.reactions, emoticonId) } : m;
  };
  let changed = false;
  const conversations = Object.fromEntries(
    Object.entries(state.conversations).map(([chatId, c]) => {
      if (!c.messages.some((m) => inline(m) || reacted(m))) return [chatId, c];
      changed = true;
      return [chatId, { ...c, messages: c.messages.map(strip) }];
    }),
  );
  const chats = Object.fromEntries(
    Object.entries(state.chats).map(([chatId, chat]) => {
      if (!chat.lastMessage || !(inline(chat.lastMessage) || reacted(chat.lastMessage))) return [chatId, chat];
      changed = true;
      return [chatId, { ...chat, lastMessage: strip(chat.lastMessage) }];
    }),
  );
  return changed ? { ...state, conversations, chats } : state;
}

export interface ApplyContext {
  /** The open conversation is on screen and the window has focus: its new messages are read. */
  activeChatVisible: boolean;
  now: number;
}

/**
 * Applies one event from the stream. Idempotent: an event for something already known (a
 * message the list already shows) changes nothing twice, because the stream may replay.
 */
export function applyEvent(state: MessengerState, event: BackendEvent, ctx: ApplyContext): MessengerState {
  const meId = state.me?.id;
  switch (event.type) {
    case 'message.new': {
      const { message } = event;
      const mine = message.senderId === meId;
      let next = updateConversation(state, message.chatId, (c) => ({ ...c, messages: mergeMessages(c.messages, [message]) }));
      if (mine) next = { ...next, pending: next.pending.filter((p) => p.clientId !== message.clientId) };
      next = stopTyping(next, message.chatId, message.senderId);
      const chat = next.chats[message.chatId];
      if (!chat || message.seq <= chat.lastSeq) {
        // Already counted; but a newer copy of the newest message still replaces the preview.
        if (chat?.lastMessage?.id === message.id) next = { ...next, chats: { ...next.chats, [chat.id]: { ...chat, lastMessage: message } } };
        return next;
      }
      const readNow = mine || (ctx.activeChatVisible && state.activeChatId === message.chatId);
      const updated: ChatView = {
        ...chat,
        lastMessage: message,
        lastSeq: message.seq,
        lastReadSeq: readNow && mine ? message.seq : chat.lastReadSeq,
        unreadCount: readNow ? chat.unreadCount : chat.unreadCount + 1,
        hidden: false,
      };
      return { ...next, chats: { ...next.chats, [chat.id]: updated } };
    }
    case 'message.updated':
      return updateMessage(state, event.message.chatId, event.message.id, () => event.message);
    case 'message.deleted':
      // Deleted for everyone, it keeps its place as "This message was deleted"; deleted for me,
      // or gone because its disappearing timer ran out, it leaves the conversation.
      return updateMessage(state, event.chatId, event.messageId, (m) =>
        event.forEveryone && !event.expired ? { ...m, text: null, mediaId: null, meta: null, reactions: [], deletedAt: m.deletedAt ?? new Date(ctx.now).toISOString() } : null,
      );
    case 'reaction':
      return updateMessage(state, event.chatId, event.messageId, (m) => ({
        ...m,
        reactions: withReaction(m.reactions, event.userId, event.emoji, event.emoticon),
      }));
    case 'receipt': {
      const readSeq = event.readSeq ?? 0;
      const deliveredSeq = Math.max(event.deliveredSeq ?? 0, readSeq);
      if (event.userId === meId) {
        // Read on another device of mine.
        const chat = state.chats[event.chatId];
        if (!chat || readSeq <= chat.lastReadSeq) return state;
        const unreadCount = readSeq >= chat.lastSeq ? 0 : countUnread(state, chat, readSeq);
        return { ...state, chats: { ...state.chats, [chat.id]: { ...chat, lastReadSeq: readSeq, unreadCount } } };
      }
      const byUser = state.receipts[event.chatId] ?? {};
      const before = byUser[event.userId] ?? { readSeq: 0, deliveredSeq: 0 };
      const after = { readSeq: Math.max(before.readSeq, readSeq), deliveredSeq: Math.max(before.deliveredSeq, deliveredSeq) };
      if (after.readSeq === before.readSeq && after.deliveredSeq === before.deliveredSeq) return state;
      return { ...state, receipts: { ...state.receipts, [event.chatId]: { ...byUser, [event.userId]: after } } };
    }
    case 'chat.updated': {
      const { chat } = event;
      const next = { ...state, chats: { ...state.chats, [chat.id]: chat } };
      // "Clear chat" on any of my devices: what it cleared leaves the screen here too.
      const cleared = chat.clearedSeq ?? 0;
      return cleared > 0 ? updateConversation(next, chat.id, (c) => ({ ...c, messages: c.messages.filter((m) => m.seq > cleared) })) : next;
    }
    case 'group.updated': {
      // Name, description and image changed (by anyone allowed): the list and header follow.
      const { group } = event;
      const chat = state.chats[group.id];
      if (!chat) return state;
      const updated: ChatView = { ...chat, title: group.name, description: group.description, avatarMediaId: group.avatarMediaId, readOnly: chat.readOnly || group.deleted };
      return { ...state, chats: { ...state.chats, [group.id]: updated } };
    }
    case 'user.updated': {
      const { user } = event;
      let changed = false;
      const chats: Record<string, ChatView> = {};
      for (const chat of Object.values(state.chats)) {
        if (chat.peer?.id === user.id) {
          changed = true;
          const peer = { ...chat.peer, ...user };
          chats[chat.id] = { ...chat, peer, title: peer.name || peer.phone || chat.title, avatarMediaId: peer.avatarMediaId };
        } else chats[chat.id] = chat;
      }
      const me = state.me?.id === user.id ? { ...state.me, ...user } : state.me;
      return changed || me !== state.me ? { ...state, chats: changed ? chats : state.chats, me } : state;
    }
    case 'typing': {
      if (event.userId === meId) return state;
      const inChat = { ...(state.typing[event.chatId] ?? {}), [event.userId]: ctx.now + TYPING_SHOWN_MS };
      return { ...state, typing: { ...state.typing, [event.chatId]: inChat } };
    }
    case 'emoticon.deleted':
      return forgetEmoticon(state, event.shortcut, event.emoticonId);
    default:
      return state;
  }
}

function stopTyping(state: MessengerState, chatId: string, userId: string): MessengerState {
  const inChat = state.typing[chatId];
  if (!inChat || !(userId in inChat)) return state;
  const { [userId]: _gone, ...rest } = inChat;
  return { ...state, typing: { ...state.typing, [chatId]: rest } };
}

function countUnread(state: MessengerState, chat: ChatView, readSeq: number): number {
  const loaded = state.conversations[chat.id]?.messages;
  if (!loaded?.length || loaded[0]!.seq > readSeq + 1) return chat.unreadCount;
  return loaded.filter((m) => m.seq > readSeq && m.senderId !== state.me?.id && !m.deletedAt).length;
}

/** Who is typing in a chat right now, from that chat's typing map. */
export function typingUsers(inChat: Record<string, number> | undefined, now: number): string[] {
  return Object.entries(inChat ?? {})
    .filter(([, until]) => until > now)
    .map(([userId]) => userId);
}

/**
 * How far the other member of a 1:1 chat has received and read: the chat view's numbers (from
 * servers that send `peerDeliveredSeq`/`peerReadSeq`), raised by live receipts since.
 */
export function peerReceipt(state: MessengerState, chat: ChatView): Receipt {
  const fromChat = chat as ChatView & { peerReadSeq?: number | null; peerDeliveredSeq?: number | null };
  const live = chat.peer ? state.receipts[chat.id]?.[chat.peer.id] : undefined;
  const readSeq = Math.max(live?.readSeq ?? 0, fromChat.peerReadSeq ?? 0);
  return { readSeq, deliveredSeq: Math.max(readSeq, live?.deliveredSeq ?? 0, fromChat.peerDeliveredSeq ?? 0) };
}
