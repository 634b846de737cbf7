import type { Cache } from '../cache/cache.js';
import { toCachedMessage } from '../cache/message-row.js';
import type { MessagesPage } from '../types.js';

export const PAGE_SIZE = 50;
const TOP = Number.MAX_SAFE_INTEGER;

export interface ReadOptions {
  beforeSeq?: number;
  limit?: number;
  /** Read from this seq even if the cache cannot vouch that nothing is missing below it. */
  from?: number;
}

/**
 * A page of a chat from the cache alone, oldest first. Only the range the cache knows to be
 * complete is used, so the page never silently skips messages it does not have; unsent
 * messages come after the newest page.
 */
export function readMessages(cache: Cache, me: string | null, chatId: string, options: ReadOptions, now: Date): MessagesPage {
  const chat = cache.chats.get(chatId);
  if (!chat) return { chatId, messages: [], hasMoreOlder: false };
  const limit = Math.min(200, Math.max(1, Math.floor(options.limit ?? PAGE_SIZE)));
  // Nothing known to be complete yet: show at least the newest message the cache has.
  const from = options.from ?? chat.complete_from_seq ?? cache.messages.maxSeq(chatId) ?? TOP;
  const rows = cache.messages.pageBefore(chatId, options.beforeSeq ?? TOP, from, limit, now.toISOString());
  const unsent = options.beforeSeq === undefined ? cache.messages.unsent(chatId) : [];
  return {
    chatId,
    messages: [...rows, ...unsent].map((row) => toCachedMessage(row, me)),
    hasMoreOlder: rows.length === limit || chat.complete_from_seq !== 0,
  };
}
