import type { Chat, ChatKind, ChatMember, MemberRole } from '@confab/db';
import type { MessageView } from '../messages/message-view.js';
import type { UserView } from '../users/user-view.js';

export interface ChatView {
  id: string;
  kind: ChatKind;
  /** Group name, or the other person's name in a 1:1 chat. */
  title: string;
  description: string | null;
  avatarMediaId: string | null;
  peer: UserView | null;
  role: MemberRole;
  readOnly: boolean;
  createdAt: string;
  lastSeq: number;
  lastReadSeq: number;
  unreadCount: number;
  lastMessage: MessageView | null;
  mutedUntil: string | null;
  hidden: boolean;
  disappearingSeconds: number | null;
  theme: string | null;
  background: string | null;
}

export interface ChatViewParts {
  chat: Chat;
  member: ChatMember;
  peer: UserView | null;
  lastMessage: MessageView | null;
  unreadCount: number;
}

export function toChatView({ chat, member, peer, lastMessage, unreadCount }: ChatViewParts): ChatView {
  return {
    id: chat.id,
    kind: chat.kind,
    title: chat.kind === 'direct' ? (peer?.name || peer?.phone || 'Unknown') : (chat.name ?? 'Group'),
    description: chat.description,
    avatarMediaId: chat.kind === 'direct' ? (peer?.avatarMediaId ?? null) : chat.avatarMediaId,
    peer,
    role: member.role,
    readOnly: member.leftSeq !== null || chat.deletedAt !== null,
    createdAt: new Date(chat.createdAt).toISOString(),
    lastSeq: member.leftSeq ?? chat.lastSeq,
    lastReadSeq: member.lastReadSeq,
    unreadCount,
    lastMessage,
    mutedUntil: member.mutedUntil ? new Date(member.mutedUntil).toISOString() : null,
    hidden: member.hidden,
    disappearingSeconds: chat.disappearingSeconds,
    theme: member.theme,
    background: member.background,
  };
}
