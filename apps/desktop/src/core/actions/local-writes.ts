import { randomUUID } from 'node:crypto';
import { moveReadMark } from '../cache/apply-event.js';
import type { WriteContext } from '../cache/change-set.js';
import type { ChatRow } from '../cache/chats.repo.js';
import { isLocalMessageId, sortReactions, type MessageRow } from '../cache/message-row.js';
import { withReaction, type ReactionEmoticon, type ReactionView } from '../../shared/reactions.js';
import { forgetMedia } from '../cache/store.js';

/**
 * What the user does, written to the cache at once (so the UI shows it) together with the
 * outbox entry that will carry it to the server, in one transaction. Callers wrap each call
 * in `cache.transaction`.
 */

export const MAX_TEXT_LENGTH = 65_536;

function requireChat(ctx: WriteContext, chatId: string): ChatRow {
  const chat = ctx.cache.chats.get(chatId);
  if (!chat) throw new Error('Chat not found');
  return chat;
}

function requireMessage(ctx: WriteContext, messageId: string): { row: MessageRow; chat: ChatRow } {
  const row = ctx.cache.messages.byId(messageId);
  if (!row) throw new Error('Message not found');
  return { row, chat: requireChat(ctx, row.chat_id) };
}

function checkText(text: string): string {
  if (text.trim().length === 0) throw new Error('A message needs text');
  if (text.length > MAX_TEXT_LENGTH) throw new Error(`Messages are limited to ${MAX_TEXT_LENGTH} characters`);
  return text;
}

/** `clientId`: the sending screen's own id for the message, so it recognises it when it arrives. */
export function composeMessage(ctx: WriteContext, chatId: string, text: string, replyToId: string | null, mentions: readonly string[] = [], clientId: string = randomUUID()): MessageRow {
  const chat = requireChat(ctx, chatId);
  if (chat.read_only) throw new Error('You can no longer send messages in this chat');
  const createdAt = ctx.now().toISOString();
  const row = ctx.cache.messages.insertPending({ chatId, chatNo: chat.no, clientId, senderId: ctx.me, text: checkText(text), replyToId, createdAt });
  ctx.cache.outbox.enqueue({ op: 'send', chatId, clientId, text: row.text!, replyToId, ...(mentions.length ? { mentions: [...mentions] } : {}) }, createdAt);
  ctx.cache.chats.touch(chatId, createdAt);
  ctx.changes.chatList = true;
  return row;
}

/** Is this message still only local (its send has not reached the server)? */
const notYetSent = (row: MessageRow) => isLocalMessageId(row.id);

export function editMessage(ctx: WriteContext, messageId: string, text: string, inFlight: string | null): void {
  const { row, chat } = requireMessage(ctx, messageId);
  if (row.sender_id !== ctx.me) throw new Error('Only the author can edit a message');
  if (row.deleted_at) throw new Error('A deleted message cannot be edited');
  const now = ctx.now().toISOString();
  const next = { ...row, text: checkText(text), edited_at: notYetSent(row) ? null : now };
  ctx.cache.messages.replace(row, next, chat.no);
  const send = notYetSent(row) ? ctx.cache.outbox.byClientId(row.client_id) : null;
  if (send && send.item.op === 'send' && inFlight !== row.client_id) {
    ctx.cache.outbox.updateSendText(send.n, send.item, next.text);
    return;
  }
  ctx.cache.outbox.enqueue({ op: 'edit', chatId: row.chat_id, clientId: randomUUID(), messageId, text: next.text }, now);
}

export function deleteMessage(ctx: WriteContext, messageId: string, forEveryone: boolean, inFlight: string | null): void {
  const { row } = requireMessage(ctx, messageId);
  if (forEveryone && row.sender_id !== ctx.me && requireChat(ctx, row.chat_id).role === 'member') {
    throw new Error('You can only delete your own messages for everyone');
  }
  ctx.changes.chatList = true;
  const send = notYetSent(row) ? ctx.cache.outbox.byClientId(row.client_id) : null;
  if (send && inFlight !== row.client_id) {
    // Never left this device: forget it entirely.
    ctx.cache.outbox.remove(send.n);
    ctx.cache.messages.removeRow(row);
    return;
  }
  if (row.media_id) forgetMedia(ctx, row.media_id);
  if (forEveryone) ctx.cache.messages.blank(row, ctx.now().toISOString());
  else ctx.cache.messages.removeRow(row);
  ctx.cache.outbox.enqueue({ op: 'delete', chatId: row.chat_id, clientId: randomUUID(), messageId, forEveryone }, ctx.now().toISOString());
}

/** An emoji (null takes mine back), or one of my custom emoticons, drawn from the cache's list offline too. */
export type ReactionChoice = string | null | { emoticonId: string };

export function reactToMessage(ctx: WriteContext, messageId: string, choice: ReactionChoice): void {
  const { row, chat } = requireMessage(ctx, messageId);
  if (row.deleted_at) throw new Error('A deleted message cannot get reactions');
  let emoji: string | null;
  let emoticon: ReactionEmoticon | undefined;
  if (choice !== null && typeof choice === 'object') {
    const mine = ctx.cache.emoticons.get(choice.emoticonId);
    if (!mine) throw new Error('React with one of your own emoticons');
    emoticon = { emoticonId: mine.id, shortcut: mine.shortcut, mediaId: mine.mediaId, animated: mine.animated };
    emoji = `:${mine.shortcut}:`;
  } else emoji = choice;
  const reactions = JSON.stringify(sortReactions(withReaction(JSON.parse(row.reactions) as ReactionView[], ctx.me, emoji, emoticon)));
  ctx.cache.messages.replace(row, { ...row, reactions }, chat.no);
  const queued = { op: 'react' as const, chatId: row.chat_id, clientId: randomUUID(), messageId, emoji, ...(emoticon ? { emoticonId: emoticon.emoticonId } : {}) };
  ctx.cache.outbox.enqueue(queued, ctx.now().toISOString());
}

/** Moves my read mark (default: to the newest message); false if it was already there. */
export function markChatRead(ctx: WriteContext, chatId: string, seq?: number): boolean {
  const chat = requireChat(ctx, chatId);
  const target = Math.min(seq ?? chat.last_seq, chat.last_seq);
  if (target <= chat.last_read_seq) return false;
  moveReadMark(ctx, chat, target);
  ctx.cache.outbox.enqueue({ op: 'markRead', chatId, clientId: randomUUID(), seq: target }, ctx.now().toISOString());
  return true;
}

/** A refused send goes back to the end of the queue. */
export function retrySend(ctx: WriteContext, messageId: string): void {
  const { row, chat } = requireMessage(ctx, messageId);
  const entry = ctx.cache.outbox.byClientId(row.client_id);
  if (row.status !== 'failed' || !entry || entry.item.op !== 'send') throw new Error('Only a message that failed to send can be retried');
  ctx.cache.outbox.remove(entry.n);
  ctx.cache.outbox.enqueue({ ...entry.item, text: row.text ?? entry.item.text }, ctx.now().toISOString());
  ctx.cache.messages.replace(row, { ...row, status: 'pending' }, chat.no);
}

export function discardFailed(ctx: WriteContext, messageId: string): void {
  const { row } = requireMessage(ctx, messageId);
  if (row.status !== 'failed') throw new Error('Only a message that failed to send can be discarded');
  const entry = ctx.cache.outbox.byClientId(row.client_id);
  if (entry) ctx.cache.outbox.remove(entry.n);
  ctx.cache.messages.removeRow(row);
  ctx.changes.chatList = true;
}
