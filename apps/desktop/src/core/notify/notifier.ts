import type { Cache } from '../cache/cache.js';
import type { MessageRow } from '../cache/message-row.js';
import type { NotificationSettings, NotificationToShow } from '../types.js';
import { shouldNotify, type FocusState } from '../../shared/notify/policy.js';
import { previewFor } from '../../shared/notify/preview.js';

/** Who the message @-mentions (the server records them in its meta). */
function mentions(row: MessageRow): string[] {
  if (!row.meta) return [];
  const list = (JSON.parse(row.meta) as { mentions?: unknown }).mentions;
  return Array.isArray(list) ? list.filter((id): id is string => typeof id === 'string') : [];
}

/** More than this many at once (a backlog after reconnecting) become one summary. */
const MAX_SEPARATE = 3;

/** The notifications to show for messages that just arrived, per the policy and settings. */
export function notificationsFor(
  cache: Cache,
  arrived: readonly MessageRow[],
  context: { me: string; now: Date; focus: FocusState; settings: NotificationSettings },
): NotificationToShow[] {
  if (context.settings.deviceRemoved) return [];
  const shown: NotificationToShow[] = [];
  for (const row of arrived) {
    const chat = cache.chats.get(row.chat_id);
    if (!chat) continue;
    const notify = shouldNotify(
      { chatId: row.chat_id, senderId: row.sender_id, kind: row.kind, deletedAt: row.deleted_at, mentionsMe: mentions(row).includes(context.me) },
      { id: chat.id, mutedUntil: chat.muted_until, messageRequest: chat.message_request === 1 },
      { me: context.me, now: context.now, focus: context.focus, mutedAllUntil: context.settings.mutedAllUntil },
    );
    if (!notify) continue;
    // The server's switches: one-to-one messages, group messages (a muted chat already stayed quiet).
    if (!(chat.kind === 'group' ? context.settings.groups : context.settings.messages)) continue;
    const sender = cache.users.get(row.sender_id);
    const peer = chat.peer_id ? cache.users.get(chat.peer_id) : null;
    const { title, body } = previewFor(context.settings.preview, {
      chatKind: chat.kind,
      chatTitle: chat.kind === 'direct' ? (peer?.name ?? chat.title) : chat.title,
      senderName: sender?.name || sender?.phone || '',
      kind: row.kind,
      text: row.text,
    });
    shown.push({ chatId: row.chat_id, messageId: row.id, title, body, silent: !context.settings.sound });
  }
  if (shown.length <= MAX_SEPARATE) return shown;
  const last = shown.at(-1)!;
  return [{ chatId: last.chatId, messageId: last.messageId, title: 'Confab', body: `${shown.length} new messages`, silent: !context.settings.sound }];
}
