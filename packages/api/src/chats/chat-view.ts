import type { Chat, ChatKind, ChatMember, MemberRole } from '@confab/db';
import { storedLabels } from '../labels/label-schema.js';
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
  /** Groups: who wrote lastMessage, for the list's "Ana: …" (null for mine, notices, 1:1 chats). */
  lastSender?: { id: string; name: string } | null;
  mutedUntil: string | null;
  hidden: boolean;
  /** "Hide until": when a hidden chat comes back by itself. */
  hiddenUntil?: string | null;
  /** Pinned to the top of my chat list (when; the newest pin first), or null. */
  pinnedAt?: string | null;
  /** Archived at this seq, or null; see `isArchived` — a newer message brings it back unless muted. */
  archivedSeq?: number | null;
  disappearingSeconds: number | null;
  theme: string | null;
  /** As stored: '#rrggbb', 'media:<id>' or null; also split into the two fields below. */
  background: string | null;
  // Always set by the server; optional only so older fixtures and caches still type-check.
  backgroundColor?: string | null;
  backgroundMediaId?: string | null;
  /** "Clear chat": messages up to this seq are gone for me (0: never cleared); devices drop them too. */
  clearedSeq?: number;
  /** A first message from a stranger while "who can message me" is 'contacts': accept, block or delete. */
  messageRequest?: boolean;
  /** My personal labels on this chat (a direct chat also shows under its contact's tags). */
  labels?: string[];
  /** 1:1 chats: how far the other person's devices have received and read (ticks). */
  peerDeliveredSeq?: number | null;
  /** Null where read receipts are not shared both ways. */
  peerReadSeq?: number | null;
}

export interface ChatViewParts {
  chat: Chat;
  member: ChatMember;
  peer: UserView | null;
  lastMessage: MessageView | null;
  lastSender?: { id: string; name: string } | null;
  unreadCount: number;
  /** 1:1 chats: the other person's membership and whether read receipts are shared with them. */
  peerMember?: ChatMember | null;
  readReceiptsShared?: boolean;
}

export function toChatView({ chat, member, peer, lastMessage, lastSender = null, unreadCount, peerMember = null, readReceiptsShared = false }: ChatViewParts, now = new Date()): ChatView {
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
    lastSender,
    mutedUntil: member.mutedUntil ? new Date(member.mutedUntil).toISOString() : null,
    hidden: member.hidden && !(member.hiddenUntil && new Date(member.hiddenUntil) <= now),
    hiddenUntil: member.hidden && member.hiddenUntil ? new Date(member.hiddenUntil).toISOString() : null,
    pinnedAt: member.pinnedAt ? new Date(member.pinnedAt).toISOString() : null,
    archivedSeq: member.archivedSeq,
    disappearingSeconds: chat.disappearingSeconds,
    theme: member.theme,
    background: member.background,
    backgroundColor: member.background?.startsWith('#') ? member.background : null,
    backgroundMediaId: member.background?.startsWith('media:') ? member.background.slice('media:'.length) : null,
    clearedSeq: member.clearedSeq,
    messageRequest: member.requestState === 'pending',
    labels: storedLabels(member.labels),
    peerDeliveredSeq: peerMember ? peerMember.lastDeliveredSeq : null,
    peerReadSeq: peerMember && readReceiptsShared ? peerMember.lastReadSeq : null,
  };
}

/** Out of the main list: archived, and nothing new since — or muted, which keeps it there. */
export function isArchived(chat: Pick<ChatView, 'archivedSeq' | 'lastSeq' | 'mutedUntil'>, now = new Date()): boolean {
  if (chat.archivedSeq === null || chat.archivedSeq === undefined) return false;
  const muted = chat.mutedUntil !== null && new Date(chat.mutedUntil) > now;
  return muted || chat.lastSeq <= chat.archivedSeq;
}
