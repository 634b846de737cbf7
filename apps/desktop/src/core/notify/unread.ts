import type { UnreadSummary } from '../types.js';
import { isMutedUntil } from '../../shared/notify/policy.js';

export interface UnreadChat {
  id: string;
  unreadCount: number;
  mutedUntil: string | null;
  hidden: boolean;
}

/**
 * Unread counts per chat and the tray badge's total. Muted and hidden chats keep their own
 * count but do not add to the badge.
 */
export function unreadSummary(chats: readonly UnreadChat[], now: Date): UnreadSummary {
  const perChat: Record<string, number> = {};
  let total = 0;
  for (const chat of chats) {
    perChat[chat.id] = chat.unreadCount;
    if (!chat.hidden && !isMutedUntil(chat.mutedUntil, now)) total += chat.unreadCount;
  }
  return { total, perChat };
}
