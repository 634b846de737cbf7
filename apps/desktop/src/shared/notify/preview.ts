import type { PreviewMode } from '../../core/types.js';

export interface PreviewInput {
  chatKind: 'direct' | 'group';
  chatTitle: string;
  senderName: string;
  kind: string;
  text: string | null;
}

const MAX_BODY = 200;

/** What each kind of message is called where its content is not shown (notifications, previews). */
export const KIND_LABELS: Record<string, string> = {
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

/** A one-line description of a message, for notifications and chat-list previews. */
export function describeMessage(kind: string, text: string | null): string {
  const clean = (text ?? '').replace(/\s+/g, ' ').trim();
  const label = KIND_LABELS[kind];
  const body = label ? (clean ? `${label}: ${clean}` : label) : clean || 'Message';
  return body.length > MAX_BODY ? `${body.slice(0, MAX_BODY - 1)}…` : body;
}

/**
 * The notification's title and body for the user's privacy setting: 'full' shows who and what,
 * 'sender-only' shows who but not what, 'none' shows neither.
 */
export function previewFor(mode: PreviewMode, input: PreviewInput): { title: string; body: string } {
  if (mode === 'none') return { title: 'Confab', body: 'New message' };
  const title = input.chatKind === 'group' ? input.chatTitle : input.senderName || input.chatTitle;
  if (mode === 'sender-only') return { title, body: input.chatKind === 'group' ? `${input.senderName || 'Someone'} sent a message` : 'New message' };
  const text = describeMessage(input.kind, input.text);
  return { title, body: input.chatKind === 'group' ? `${input.senderName || 'Someone'}: ${text}` : text };
}
