import type { Database, Emoticon } from '@confab/db';
import type { Kysely } from 'kysely';

export function emoticonsOf(db: Kysely<Database>, ownerId: string): Promise<Emoticon[]> {
  return db.selectFrom('emoticons').selectAll().where('ownerId', '=', ownerId).orderBy('shortcut').execute();
}

export function emoticonsByShortcut(db: Kysely<Database>, ownerId: string, shortcuts: readonly string[]): Promise<Emoticon[]> {
  if (shortcuts.length === 0) return Promise.resolve([]);
  return db.selectFrom('emoticons').selectAll().where('ownerId', '=', ownerId).where('shortcut', 'in', shortcuts).execute();
}
