import type { Database, Message } from '@confab/db';
import type { Kysely } from 'kysely';

/** A reported message as it was when the report was written. */
export interface EvidenceMessage {
  id: string;
  chatId: string;
  seq: number;
  senderId: string;
  senderName: string;
  kind: string;
  text: string | null;
  mediaId: string | null;
  createdAt: string;
  editedAt: string | null;
}

/** Snapshots messages for a report, with their senders' names at the time. */
export async function snapshotMessages(db: Kysely<Database>, messages: readonly Message[]): Promise<EvidenceMessage[]> {
  const senderIds = [...new Set(messages.map((m) => m.senderId))];
  const senders = senderIds.length === 0 ? [] : await db.selectFrom('users').select(['id', 'name']).where('id', 'in', senderIds).execute();
  const names = new Map(senders.map((s) => [s.id, s.name]));
  return messages.map((m) => ({
    id: m.id,
    chatId: m.chatId,
    seq: Number(m.seq),
    senderId: m.senderId,
    senderName: names.get(m.senderId) ?? '',
    kind: m.kind,
    text: m.text,
    mediaId: m.mediaId,
    createdAt: new Date(m.createdAt).toISOString(),
    editedAt: m.editedAt ? new Date(m.editedAt).toISOString() : null,
  }));
}
