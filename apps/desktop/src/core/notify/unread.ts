import type { UnreadSummary } from '../types.js';
import { isMutedUntil } from '../../shared/notify/policy.js';

export interface UnreadChat {
  id: string;
  unreadCount: number;
  mutedUntil: string | null;
  hidden: boolean;
  /** A first message from someone I have not accepted: it waits quietly in Requests (as in Signal). */
  messageRequest: boolean;
}

/**
 * Unread counts per chat and the tray badge's total. Muted and hidden chats, and message
 * requests, keep their own count but do not add to the badge.
 */
export function unreadSummary(chats: readonly UnreadChat[], now: Date): UnreadSummary {
  const perChat: Record<string, number> = {};
  let total = 0;
  for (const chat of chats) {
    perChat[chat.id] = chat.unreadCount;
    if (!chat.hidden && !chat.messageRequest && !isMutedUntil(chat.mutedUntil, now)) total += chat.unreadCount;
  }
  return { total, perChat };
}
