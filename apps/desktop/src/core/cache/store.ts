import type { ChatView, MessageView } from '@confab/api';
import type { WriteContext } from './change-set.js';
import type { ChatPosition } from './chats.repo.js';
import { noteLiveShare } from './live-shares-store.js';
import type { MessageRow } from './message-row.js';
import type { UpsertOptions, UpsertOutcome } from './messages.repo.js';

/** The chat's row; an unknown chat gets a placeholder and is queued for chats.get. */
export function ensureChat(ctx: WriteContext, chatId: string): ChatPosition {
  const { row, created } = ctx.cache.chats.ensure(chatId, ctx.now().toISOString());
  if (created) {
    ctx.changes.unknownChats.add(chatId);
    ctx.changes.chatList = true;
  }
  return row;
}

/** Stores a server message view (and its attachment's metadata); `chat`: its chat's row, if the caller has just read it. */
export function storeMessage(ctx: WriteContext, view: MessageView, options: UpsertOptions = {}, chat: Pick<ChatPosition, 'no'> = ensureChat(ctx, view.chatId)): { outcome: UpsertOutcome; row: MessageRow } {
  const { outcome, before, row } = ctx.cache.messages.upsertView(view, chat.no, options);
  if (outcome === 'unchanged') return { outcome, row };
  if (before?.media_id && before.media_id !== row.media_id) forgetMedia(ctx, before.media_id);
  ctx.cache.media.noteFromMessage(row);
  noteLiveShare(ctx, row);
  return { outcome, row };
}

export function forgetMedia(ctx: WriteContext, mediaId: string): void {
  ctx.changes.files.push(...ctx.cache.media.remove(mediaId));
}

/** Stores a chat as the server describes it, with its peer and newest message. */
export function storeChat(ctx: WriteContext, view: ChatView): void {
  ctx.cache.chats.upsertView(view);
  if (view.peer) {
    ctx.cache.users.upsert(view.peer);
    ctx.cache.members.join(view.id, view.peer.id);
  }
  if (view.lastMessage) storeMessage(ctx, view.lastMessage);
  if (view.clearedSeq) dropCleared(ctx, view.id, view.clearedSeq);
  ctx.changes.chatList = true;
}

/**
 * "Clear chat" on any of my devices: what it cleared leaves this cache too (files included). The
 * page drops them itself on the chat's clearedSeq, as the web client does.
 */
function dropCleared(ctx: WriteContext, chatId: string, clearedSeq: number): void {
  for (const row of ctx.cache.messages.inSeqRange(chatId, 0, clearedSeq)) {
    if (row.media_id) forgetMedia(ctx, row.media_id);
    ctx.cache.messages.removeRow(row);
  }
}

/**
 * Stores a page of `messages.history`. Within the seqs the page covers, cached rows the server
 * no longer returns (expired, hidden) are dropped, and the chat's complete range grows. The
 * page hears of every message the fetch added, changed or dropped.
 */
export function storeHistoryPage(ctx: WriteContext, chatId: string, page: { messages: MessageView[]; hasMore: boolean }, beforeSeq: number | null): void {
  const chat = ensureChat(ctx, chatId);
  for (const message of page.messages) {
    const { outcome } = storeMessage(ctx, message);
    if (outcome !== 'unchanged') ctx.changes.events.push({ type: outcome === 'inserted' ? 'message.new' : 'message.updated', message });
  }

  const oldest = page.messages[0]?.seq;
  const from = page.hasMore && oldest !== undefined ? oldest : 0;
  const to = beforeSeq !== null ? beforeSeq - 1 : (page.messages.at(-1)?.seq ?? -1);
  const returned = new Set(page.messages.map((m) => m.id));
  for (const row of ctx.cache.messages.inSeqRange(chatId, from, to)) {
    if (returned.has(row.id)) continue;
    if (row.media_id) forgetMedia(ctx, row.media_id);
    ctx.cache.messages.removeRow(row);
    if (row.seq !== null) ctx.changes.events.push({ type: 'message.deleted', chatId, messageId: row.id, seq: row.seq, forEveryone: false });
  }

  const known = chat.complete_from_seq;
  // The newest page makes [from, ∞) complete (events keep it so); an older page extends a
  // complete range only if it reaches down from inside it.
  if (beforeSeq === null) ctx.cache.chats.setCompleteFrom(chatId, Math.min(known ?? from, from));
  else if (known !== null && known <= beforeSeq) ctx.cache.chats.setCompleteFrom(chatId, Math.min(known, from));
}

/** Disappearing messages whose time is up leave the cache. */
export function purgeExpired(ctx: WriteContext): void {
  for (const row of ctx.cache.messages.expired(ctx.now().toISOString())) {
    if (row.media_id) forgetMedia(ctx, row.media_id);
    ctx.cache.messages.removeRow(row);
    ctx.changes.chatList = true;
    if (row.seq !== null) ctx.changes.events.push({ type: 'message.deleted', chatId: row.chat_id, messageId: row.id, seq: row.seq, forEveryone: true, expired: true });
  }
}
