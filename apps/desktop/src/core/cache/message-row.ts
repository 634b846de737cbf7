import type { MessageView, ReactionView } from '@confab/api';
import type { CachedMessage } from '../types.js';

/** A messages row as SQLite returns it. */
export interface MessageRow {
  tk: number;
  id: string;
  chat_id: string;
  seq: number | null;
  sender_id: string;
  client_id: string;
  kind: string;
  text: string | null;
  media_id: string | null;
  reply_to_id: string | null;
  meta: string | null;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  expires_at: string | null;
  reactions: string;
  status: 'sent' | 'pending' | 'failed';
}

export const localMessageId = (clientId: string): string => `local:${clientId}`;
export const isLocalMessageId = (id: string): boolean => id.startsWith('local:');

export function toCachedMessage(row: MessageRow, me: string | null): CachedMessage {
  return {
    id: row.id,
    chatId: row.chat_id,
    seq: row.seq,
    senderId: row.sender_id,
    clientId: row.client_id,
    kind: row.kind,
    text: row.text,
    mediaId: row.media_id,
    replyToId: row.reply_to_id,
    meta: row.meta === null ? null : (JSON.parse(row.meta) as Record<string, unknown>),
    createdAt: row.created_at,
    editedAt: row.edited_at,
    deletedAt: row.deleted_at,
    expiresAt: row.expires_at,
    reactions: JSON.parse(row.reactions) as ReactionView[],
    status: row.status,
    mine: row.sender_id === me,
  };
}

/** The columns a server view sets (everything but tk and status). */
export function rowFromView(view: MessageView): Omit<MessageRow, 'tk' | 'status'> {
  return {
    id: view.id,
    chat_id: view.chatId,
    seq: view.seq,
    sender_id: view.senderId,
    client_id: view.clientId,
    kind: view.kind,
    text: view.text,
    media_id: view.mediaId,
    reply_to_id: view.replyToId,
    meta: view.meta === null ? null : JSON.stringify(view.meta),
    created_at: view.createdAt,
    edited_at: view.editedAt,
    deleted_at: view.deletedAt,
    expires_at: view.expiresAt,
    reactions: JSON.stringify(sortReactions(view.reactions)),
  };
}

/** One order for reactions, so equal sets compare equal as JSON. */
export function sortReactions(reactions: readonly ReactionView[]): ReactionView[] {
  return [...reactions]
    .map((r): ReactionView => (r.emoticon ? { userId: r.userId, emoji: r.emoji, emoticon: { ...r.emoticon } } : { userId: r.userId, emoji: r.emoji }))
    .sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
}
