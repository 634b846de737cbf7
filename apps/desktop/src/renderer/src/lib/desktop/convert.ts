import type { CachedMessage, ChatItem, Profile } from '../../../../core/types';
import type { ChatView, MessageView, UserView } from '../backend';
import type { SentMessage } from './bridge';

/**
 * The desktop core answers with cache-shaped records (ChatItem, CachedMessage, Profile); the
 * screens read the server's shapes (ChatView, MessageView, UserView). Same facts, mapped here.
 */

export const toUserView = (profile: Profile): UserView => ({
  id: profile.id,
  phone: profile.phone,
  name: profile.name,
  about: profile.about,
  avatarMediaId: profile.avatarMediaId,
  deleted: profile.deleted,
});

type MediaMeta = Omit<NonNullable<MessageView['media']>, 'mediaId'>;

/** `clientId`: the id the screens gave a message they sent (see DesktopSends). */
export function toMessageView(message: SentMessage, clientId: string = message.clientId): MessageView {
  const meta = message.meta;
  const media = meta?.media as MediaMeta | undefined;
  return {
    id: message.id,
    chatId: message.chatId,
    seq: message.seq,
    senderId: message.senderId,
    clientId,
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
    disappearingSeconds: chat.disappearingSeconds,
    theme: chat.theme,
    background: chat.background,
    backgroundColor: chat.background?.startsWith('#') ? chat.background : null,
    backgroundMediaId: chat.background?.startsWith('media:') ? chat.background.slice('media:'.length) : null,
    peerDeliveredSeq: chat.kind === 'direct' ? chat.othersDeliveredSeq : null,
    peerReadSeq: chat.kind === 'direct' ? chat.othersReadSeq : null,
  };
}
