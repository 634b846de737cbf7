import type { MessageView, SyncEvent } from '@confab/api';
import type { WriteContext } from './change-set.js';
import type { ChatRow } from './chats.repo.js';
import { withReaction, type ReactionView } from '../../shared/reactions.js';
import { sortReactions } from './message-row.js';
import { emoticonDeleted, storeEmoticon } from './emoticons-store.js';
import { notificationEvent } from './notifications-store.js';
import { removeStory, storyNew, storySeen, storyViewed } from './stories-store.js';
import { ensureChat, forgetMedia, storeChat, storeMessage } from './store.js';

type EventOf<T extends SyncEvent['type']> = Extract<SyncEvent, { type: T }>;

/**
 * Applies one sync event to the cache and passes it on to the page, as the server sent it (the
 * page applies it as the web client would). Every branch is idempotent (applying an event twice
 * changes nothing) so a replay after a crash or a reconnect is harmless. Call it inside a
 * transaction that also stores the event's id. Unknown event types are skipped.
 */
export function applyEvent(ctx: WriteContext, event: SyncEvent): void {
  ctx.changes.events.push(event);
  switch (event.type) {
    case 'message.new':
      return messageNew(ctx, event.message);
    case 'message.updated':
      storeMessage(ctx, event.message);
      return;
    case 'message.deleted':
      return messageDeleted(ctx, event);
    case 'reaction':
      return reaction(ctx, event);
    case 'receipt':
      return receipt(ctx, event);
    case 'chat.updated':
      return storeChat(ctx, event.chat);
    case 'poll.updated':
      return pollUpdated(ctx, event);
    case 'group.updated':
      ensureChat(ctx, event.group.id);
      ctx.cache.chats.applyGroup(event.group);
      ctx.changes.chatList = true;
      return;
    case 'member.joined':
      ensureChat(ctx, event.chatId);
      ctx.cache.members.join(event.chatId, event.userId);
      ctx.changes.chatList = true;
      return;
    case 'member.left':
      ctx.cache.members.leave(event.chatId, event.userId);
      if (event.userId === ctx.me) ctx.cache.chats.setReadOnly(event.chatId);
      ctx.changes.chatList = true;
      return;
    case 'user.updated':
      ctx.cache.users.upsert(event.user);
      ctx.cache.chats.retitlePeer(event.user.id, event.user.name, event.user.avatarMediaId);
      ctx.changes.chatList = true;
      return;
    case 'story.new':
      return storyNew(ctx, event.story);
    case 'story.viewed':
      return storyViewed(ctx, event.storyId, event.count);
    case 'story.seen':
      return storySeen(ctx, event.storyId);
    case 'story.deleted':
      return removeStory(ctx, event.storyId);
    case 'notification':
      return notificationEvent(ctx, event);
    case 'emoticon.created':
      return storeEmoticon(ctx, event.emoticon);
    case 'emoticon.deleted':
      return emoticonDeleted(ctx, event);
    case 'session.revoked':
      ctx.changes.endedSessions.push(event.sessionId);
      return;
    default:
      return;
  }
}

/**
 * A new message. Only a seq past the chat's last seq counts as new to the chat (moves it up,
 * adds an unread), so a replay, or a message a history fetch brought first, counts once.
 */
export function messageNew(ctx: WriteContext, message: MessageView): void {
  const chat = ensureChat(ctx, message.chatId);
  const { outcome, row } = storeMessage(ctx, message, { onlyIfNew: true }, chat);
  if (message.seq <= chat.last_seq) return;

  const fromOther = message.senderId !== ctx.me && message.kind !== 'system' && message.deletedAt === null;
  ctx.cache.chats.noteMessage(chat.id, message.seq, message.createdAt, fromOther && message.seq > chat.last_read_seq);
  // The server moves the sender's read mark to their own message (without a receipt event).
  if (message.senderId === ctx.me) ctx.cache.chats.setRead(chat.id, Math.max(chat.last_read_seq, message.seq), 0);
  else ctx.cache.members.receipt(chat.id, message.senderId, message.seq, message.seq);
  if (chat.complete_from_seq === null) ctx.cache.chats.setCompleteFrom(chat.id, message.seq);
  if (fromOther && outcome === 'inserted') ctx.changes.arrived.push(row);
  ctx.changes.chatList = true;
}

function messageDeleted(ctx: WriteContext, event: EventOf<'message.deleted'>): void {
  const row = ctx.cache.messages.byId(event.messageId);
  if (!row || (event.forEveryone && row.deleted_at !== null)) return;
  const chat = ctx.cache.chats.get(event.chatId);
  const wasUnread =
    chat !== undefined &&
    row.seq !== null &&
    row.seq > chat.last_read_seq &&
    row.seq <= chat.last_seq &&
    row.sender_id !== ctx.me &&
    row.deleted_at === null &&
    row.kind !== 'system';

  if (row.media_id) forgetMedia(ctx, row.media_id);
  if (event.forEveryone) ctx.cache.messages.blank(row, ctx.now().toISOString());
  else ctx.cache.messages.removeRow(row);
  if (wasUnread) ctx.cache.chats.setUnread(chat.id, chat.unread_count - 1);
  ctx.changes.chatList = true;
}

/** The poll's latest results ride on its message, so the bars show offline too. */
function pollUpdated(ctx: WriteContext, event: EventOf<'poll.updated'>): void {
  const row = ctx.cache.messages.byId(event.results.messageId);
  const chat = row ? ctx.cache.chats.get(row.chat_id) : undefined;
  if (!row || !chat || row.deleted_at !== null) return;
  const meta = row.meta ? (JSON.parse(row.meta) as Record<string, unknown>) : {};
  ctx.cache.messages.replace(row, { ...row, meta: JSON.stringify({ ...meta, results: event.results }) }, chat.no);
}

function reaction(ctx: WriteContext, event: EventOf<'reaction'>): void {
  const row = ctx.cache.messages.byId(event.messageId);
  if (!row || row.deleted_at !== null) return;
  const chat = ctx.cache.chats.get(row.chat_id);
  if (!chat) return;
  const reactions = JSON.stringify(sortReactions(withReaction(JSON.parse(row.reactions) as ReactionView[], event.userId, event.emoji, event.emoticon)));
  if (reactions === row.reactions) return;
  ctx.cache.messages.replace(row, { ...row, reactions }, chat.no);
}

function receipt(ctx: WriteContext, event: EventOf<'receipt'>): void {
  const read = event.readSeq ?? 0;
  ctx.cache.members.receipt(event.chatId, event.userId, read, event.deliveredSeq ?? read);
  ctx.changes.chatList = true;
  if (event.userId !== ctx.me || event.readSeq === undefined) return;
  const chat = ctx.cache.chats.get(event.chatId);
  if (chat && event.readSeq > chat.last_read_seq) moveReadMark(ctx, chat, event.readSeq);
}

/** My read mark moved (here or on another device): recount what is still unread. */
export function moveReadMark(ctx: WriteContext, chat: ChatRow, readSeq: number): void {
  const { messages } = ctx.cache;
  let unread: number;
  if (readSeq >= chat.last_seq) unread = 0;
  else if (chat.complete_from_seq !== null && chat.complete_from_seq <= readSeq + 1) {
    unread = messages.countFromOthers(chat.id, readSeq, chat.last_seq, ctx.me);
  } else {
    unread = chat.unread_count - messages.countFromOthers(chat.id, chat.last_read_seq, readSeq, ctx.me);
  }
  ctx.cache.chats.setRead(chat.id, readSeq, unread);
  ctx.changes.chatList = true;
}
