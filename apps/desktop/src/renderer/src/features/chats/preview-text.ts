import { KIND_LABELS } from '../../../../shared/notify/preview';
import type { MessageView, UserView } from '../../lib/backend';
import { noticeText } from '../groups/notice-text';

/**
 * One line for the chat list or a reply quote: plain text, never markup. `senderName` (group
 * chats' list) puts who wrote it first, as "You: " does for my own: "Ana: See you there".
 * `me` (the list) lets group notices read in my words: "You added Ben".
 */
export function previewText(message: MessageView, meId: string, senderName?: string | null, me?: Pick<UserView, 'id' | 'name' | 'phone'> | null): string {
  if (message.deletedAt) return 'This message was deleted';
  if (message.kind === 'system' && me) return noticeText(message, me).replace(/\s+/g, ' ').trim();
  // A group notice ("Ana added Ben") already names who did it.
  const author = message.kind === 'system' ? null : message.senderId === meId ? 'You' : senderName;
  const prefix = author ? `${author}: ` : '';
  const text = message.text?.replace(/\s+/g, ' ').trim();
  if (text) return prefix + text;
  // A file is known by its name ("Trip plan.pdf"), a contact or place by theirs.
  const named = message.media?.fileName ?? (message.meta?.contact as { name?: string } | undefined)?.name ?? (message.meta?.location as { name?: string | null } | undefined)?.name;
  if (named && (message.kind === 'document' || message.kind === 'contact' || message.kind === 'location')) return `${prefix}${KIND_LABELS[message.kind]}: ${named}`;
  return prefix + (KIND_LABELS[message.kind] ?? 'Message');
}
