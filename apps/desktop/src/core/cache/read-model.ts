import type { ChatItem, Profile } from '../types.js';
import type { ChatRow, ChatsRepo } from './chats.repo.js';
import type { MembersRepo } from './members.repo.js';
import { toCachedMessage } from './message-row.js';
import type { MessagesRepo } from './messages.repo.js';
import type { HitContext } from './search/search.js';
import type { UsersRepo } from './users.repo.js';

interface Repos {
  chats: ChatsRepo;
  messages: MessagesRepo;
  members: MembersRepo;
  users: UsersRepo;
}

/** A chat-list row for the UI: the chat, its newest message and the others' read marks. */
export function chatItem(repos: Repos, row: ChatRow, me: string | null, now: Date): ChatItem {
  const nowIso = now.toISOString();
  const newest = repos.messages.newest(row.id, nowIso);
  const others = me ? repos.members.others(row.id, me) : { read: null, delivered: null };
  const peer: Profile | null = row.peer_id ? repos.users.get(row.peer_id) : null;
  return {
    id: row.id,
    kind: row.kind,
    title: row.kind === 'direct' && peer && !row.placeholder ? peer.name || peer.phone || row.title : row.title,
    description: row.description,
    avatarMediaId: row.avatar_media_id,
    peer,
    role: row.role,
    readOnly: row.read_only === 1,
    createdAt: row.created_at,
    lastActivityAt: row.last_activity_at,
    lastSeq: row.last_seq,
    lastReadSeq: row.last_read_seq,
    unreadCount: row.unread_count,
    lastMessage: newest ? toCachedMessage(newest, me) : null,
    mutedUntil: row.muted_until,
    muted: row.muted_until !== null && row.muted_until > nowIso,
    hidden: row.hidden === 1,
    disappearingSeconds: row.disappearing_seconds,
    theme: row.theme,
    background: row.background,
    pinnedAt: row.pinned_at,
    archivedSeq: row.archived_seq,
    messageRequest: row.message_request === 1,
    labels: parseLabels(row.labels),
    othersReadSeq: others.read,
    othersDeliveredSeq: others.delivered,
  };
}

/** What a search hit shows besides the message: chat title and sender name. */
export function hitContexts(repos: Repos, tks: readonly number[], me: string | null): Map<number, HitContext> {
  const contexts = new Map<number, HitContext>();
  const titles = new Map<string, string>();
  const senders = new Map<string, string>();
  for (const row of repos.messages.byTks(tks)) {
    let chatTitle = titles.get(row.chat_id);
    if (chatTitle === undefined) {
      const chat = repos.chats.get(row.chat_id);
      const peer = chat?.peer_id ? repos.users.get(chat.peer_id) : null;
      chatTitle = chat?.kind === 'direct' && peer ? peer.name || peer.phone || chat.title : (chat?.title ?? '');
      titles.set(row.chat_id, chatTitle);
    }
    let senderName = senders.get(row.sender_id);
    if (senderName === undefined) {
      senderName = row.sender_id === me ? 'You' : (repos.users.get(row.sender_id)?.name ?? '');
      senders.set(row.sender_id, senderName);
    }
    contexts.set(row.tk, { message: toCachedMessage(row, me), text: row.text ?? '', chatTitle, senderName });
  }
  return contexts;
}

/** The stored JSON array of labels; anything else (a damaged row) reads as none. */
function parseLabels(stored: string): string[] {
  try {
    const value: unknown = JSON.parse(stored);
    return Array.isArray(value) ? value.filter((l): l is string => typeof l === 'string') : [];
  } catch {
    return [];
  }
}
