import type { Message, MessageKind } from '@confab/db';
import type { ReactionView } from './reaction-view.js';

/** The attachment of an image, video, audio, voice, document or sticker message. */
export interface MessageMedia {
  mediaId: string;
  mime: string;
  size: number;
  fileName: string | null;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  /** GET /media/:id/thumb answers (an image preview or a video poster). */
  hasThumb: boolean;
}

/** What a reply shows of the message it quotes. */
export interface ReplyPreview {
  id: string;
  senderId: string | null;
  kind: MessageKind | null;
  /** A short snippet: the text, or a file/contact/place name; null when there is none. */
  text: string | null;
  /** False once the quoted message was deleted for everyone or has disappeared. */
  available: boolean;
}

export interface MessageView {
  id: string;
  chatId: string;
  seq: number;
  senderId: string;
  clientId: string;
  kind: MessageKind;
  text: string | null;
  mediaId: string | null;
  replyToId: string | null;
  /** Kind-specific data: media, link preview, contact card, location, forwarded, system notice. */
  meta: Record<string, unknown> | null;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  expiresAt: string | null;
  reactions: ReactionView[];
  // Always set by the server; optional only so older fixtures and caches still type-check.
  media?: MessageMedia | null;
  forwarded?: boolean;
  replyTo?: ReplyPreview | null;
}

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

export function metaOf(message: Pick<Message, 'meta'>): Record<string, unknown> | null {
  const meta = message.meta;
  if (meta === null || meta === undefined) return null;
  return (typeof meta === 'string' ? JSON.parse(meta) : meta) as Record<string, unknown>;
}

export function toMessageView(message: Message, reactions: ReactionView[] = [], replyTo: ReplyPreview | null = null): MessageView {
  const deleted = message.deletedAt !== null;
  const meta = deleted ? null : metaOf(message);
  const media = meta?.media as Omit<MessageMedia, 'mediaId'> | undefined;
  return {
    id: message.id,
    chatId: message.chatId,
    seq: message.seq,
    senderId: message.senderId,
    clientId: message.clientId,
    kind: message.kind,
    // A message deleted for everyone keeps its place and nothing of its content.
    text: deleted ? null : message.text,
    mediaId: deleted ? null : message.mediaId,
    replyToId: message.replyToId,
    meta,
    createdAt: iso(message.createdAt)!,
    editedAt: iso(message.editedAt),
    deletedAt: iso(message.deletedAt),
    expiresAt: iso(message.expiresAt),
    reactions: deleted ? [] : reactions,
    media: media && message.mediaId && !deleted ? { mediaId: message.mediaId, ...media } : null,
    forwarded: meta?.forwarded === true,
    replyTo: deleted ? null : replyTo,
  };
}
