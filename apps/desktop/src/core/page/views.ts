import type { ChatView, MessageView, UserView } from '@confab/api';
import type { CachedMessage, ChatItem, Profile } from '../types.js';

/**
 * The cache keeps its own records (ChatItem, CachedMessage, Profile); the page reads the
 * server's shapes (ChatView, MessageView, UserView), whichever build it runs in. Same facts,
 * mapped here, once.
 */

export type SentMessage = CachedMessage & { seq: number };

/** Sent messages have their server seq; pending and refused ones (seq null) do not yet. */
export const isSent = (message: CachedMessage): message is SentMessage => message.seq !== null && message.status === 'sent';

export const toUserView = (profile: Profile): UserView => ({
  id: profile.id,
  phone: profile.phone,
  name: profile.name,
  about: profile.about,
  avatarMediaId: profile.avatarMediaId,
  deleted: profile.deleted,
});

type MediaMeta = Omit<NonNullable<MessageView['media']>, 'mediaId'>;

export function toMessageView(message: SentMessage): MessageView {
  const meta = message.meta;
  const media = meta?.media as MediaMeta | undefined;
  return {
    id: message.id,
    chatId: message.chatId,
    seq: message.seq,
    senderId: message.senderId,
    clientId: message.clientId,
    kind: message.kind as MessageView['kind'],
    text: message.text,
    mediaId: message.mediaId,
    replyToId: message.replyToId,
    meta,
    createdAt: message.createdAt,
    editedAt: message.editedAt,
    deletedAt: message.deletedAt,
    expiresAt: message.expiresAt,
    reactions: message.reactions,
    media: media && message.mediaId && !message.deletedAt ? { ...media, mediaId: message.mediaId } : null,
    forwarded: meta?.forwarded === true,
  };
}

/** A chat's newest message as the list shows it; an unsent one sorts as the newest. */
function lastMessageView(chat: ChatItem, message: CachedMessage | null): MessageView | null {
  if (!message) return null;
  return toMessageView({ ...message, seq: message.seq ?? chat.lastSeq });
}

export function toChatView(chat: ChatItem): ChatView {
  return {
    id: chat.id,
    kind: chat.kind,
    title: chat.title,
    description: chat.description,
    avatarMediaId: chat.avatarMediaId,
    peer: chat.peer ? toUserView(chat.peer) : null,
    role: chat.role as ChatView['role'],
    readOnly: chat.readOnly,
    createdAt: chat.createdAt,
    lastSeq: chat.lastSeq,
    lastReadSeq: chat.lastReadSeq,
    unreadCount: chat.unreadCount,
    lastMessage: lastMessageView(chat, chat.lastMessage),
    mutedUntil: chat.mutedUntil,
    hidden: chat.hidden,
    pinnedAt: chat.pinnedAt,
    archivedSeq: chat.archivedSeq,
    messageRequest: chat.messageRequest,
    labels: chat.labels,
    disappearingSeconds: chat.disappearingSeconds,
    theme: chat.theme,
    background: chat.background,
    backgroundColor: chat.background?.startsWith('#') ? chat.background : null,
    backgroundMediaId: chat.background?.startsWith('media:') ? chat.background.slice('media:'.length) : null,
    peerDeliveredSeq: chat.kind === 'direct' ? chat.othersDeliveredSeq : null,
    peerReadSeq: chat.kind === 'direct' ? chat.othersReadSeq : null,
  };
}
