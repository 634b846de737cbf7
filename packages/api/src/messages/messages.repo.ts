import type { Database, Message } from '@confab/db';
import type { Kysely } from 'kysely';

export async function reactionsFor(db: Kysely<Database>, messageIds: readonly string[]): Promise<Map<string, { userId: string; emoji: string }[]>> {
  const byMessage = new Map<string, { userId: string; emoji: string }[]>();
  if (messageIds.length === 0) return byMessage;
  const rows = await db.selectFrom('reactions').select(['messageId', 'userId', 'emoji']).where('messageId', 'in', messageIds).orderBy('createdAt').execute();
  for (const r of rows) {
    const list = byMessage.get(r.messageId) ?? [];
    list.push({ userId: r.userId, emoji: r.emoji });
    byMessage.set(r.messageId, list);
  }
  return byMessage;
}

export async function findMessage(db: Kysely<Database>, messageId: string): Promise<Message | undefined> {
  return db.selectFrom('messages').selectAll().where('id', '=', messageId).executeTakeFirst();
}
