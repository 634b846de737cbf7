import type { Database, Message } from '@confab/db';
import type { Kysely } from 'kysely';
import { metaOf, toMessageView, type MessageView, type ReplyPreview } from './message-view.js';
import { toReactionView, type ReactionView } from './reaction-view.js';

export async function reactionsFor(db: Kysely<Database>, messageIds: readonly string[]): Promise<Map<string, ReactionView[]>> {
  const byMessage = new Map<string, ReactionView[]>();
  if (messageIds.length === 0) return byMessage;
  const rows = await db
    .selectFrom('reactions as r')
    .leftJoin('emoticons as e', 'e.id', 'r.emoticonId')
    .select(['r.messageId', 'r.userId', 'r.emoji', 'r.emoticonId', 'e.shortcut', 'e.mediaId', 'e.animated'])
    .where('r.messageId', 'in', messageIds)
    .orderBy('r.createdAt')
    .execute();
  for (const r of rows) {
    const list = byMessage.get(r.messageId) ?? [];
    list.push(toReactionView(r));
    byMessage.set(r.messageId, list);
  }
  return byMessage;
}

export async function findMessage(db: Kysely<Database>, messageId: string): Promise<Message | undefined> {
  return db.selectFrom('messages').selectAll().where('id', '=', messageId).executeTakeFirst();
}

const SNIPPET_CHARS = 120;

/** The short text a quote or a notification shows for a message of any kind. */
export function snippetOf(message: Pick<Message, 'text' | 'meta'>): string | null {
  const meta = metaOf(message);
  const media = meta?.media as { fileName?: string | null } | undefined;
  const contact = meta?.contact as { name?: string } | undefined;
  const location = meta?.location as { name?: string | null } | undefined;
  const text = message.text ?? media?.fileName ?? contact?.name ?? location?.name ?? null;
  if (!text) return null;
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > SNIPPET_CHARS ? `${chars.slice(0, SNIPPET_CHARS - 1).join('')}…` : chars.join('');
}

/** Quote previews for replies, by quoted message id. */
export async function replyPreviews(db: Kysely<Database>, replyToIds: readonly (string | null)[], now: Date): Promise<Map<string, ReplyPreview>> {
  const ids = [...new Set(replyToIds.filter((id): id is string => id !== null))];
  const previews = new Map<string, ReplyPreview>();
  if (ids.length === 0) return previews;
  const rows = await db.selectFrom('messages').select(['id', 'senderId', 'kind', 'text', 'meta', 'deletedAt', 'expiresAt']).where('id', 'in', ids).execute();
  const found = new Map(rows.map((r) => [r.id, r]));
  for (const id of ids) {
    const row = found.get(id);
    const gone = !row || row.deletedAt !== null || (row.expiresAt !== null && new Date(row.expiresAt) <= now);
    previews.set(
      id,
      gone
        ? { id, senderId: row?.senderId ?? null, kind: row?.kind ?? null, text: null, available: false }
        : { id, senderId: row.senderId, kind: row.kind, text: snippetOf(row), available: true },
    );
  }
  return previews;
}

/** Full views (reactions and quote previews included) for rows read from the database. */
export async function messageViews(db: Kysely<Database>, rows: readonly Message[], now: Date): Promise<MessageView[]> {
  const [reactions, quotes] = await Promise.all([reactionsFor(db, rows.map((m) => m.id)), replyPreviews(db, rows.map((m) => m.replyToId), now)]);
  return rows.map((m) => toMessageView(m, reactions.get(m.id), m.replyToId ? (quotes.get(m.replyToId) ?? null) : null));
}
