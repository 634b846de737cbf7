import type { Message, MessageKind } from '@confab/db';

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
  meta: Record<string, unknown> | null;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  expiresAt: string | null;
  reactions: { userId: string; emoji: string }[];
}

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

export function toMessageView(message: Message, reactions: { userId: string; emoji: string }[] = []): MessageView {
  const deleted = message.deletedAt !== null;
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
    meta: deleted ? null : ((message.meta as Record<string, unknown> | null) ?? null),
    createdAt: iso(message.createdAt)!,
    editedAt: iso(message.editedAt),
    deletedAt: iso(message.deletedAt),
    expiresAt: iso(message.expiresAt),
    reactions: deleted ? [] : reactions,
  };
}
