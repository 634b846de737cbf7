import type { MessageView } from '../../lib/backend';

/** What a message of a kind this version cannot show yet is called. */
export const KIND_LABEL: Record<string, string> = {
  image: 'Photo',
  video: 'Video',
  audio: 'Audio',
  voice: 'Voice message',
  document: 'Document',
  contact: 'Contact',
  location: 'Location',
  poll: 'Poll',
  sticker: 'Sticker',
};

/** One line for the chat list or a reply quote: plain text, never markup. */
export function previewText(message: MessageView, meId: string): string {
  if (message.deletedAt) return 'This message was deleted';
  // A group notice ("Ana added Ben") already names who did it.
  const prefix = message.senderId === meId && message.kind !== 'system' ? 'You: ' : '';
  const text = message.text?.replace(/\s+/g, ' ').trim();
  if (text) return prefix + text;
  return prefix + (KIND_LABEL[message.kind] ?? 'Message');
}
