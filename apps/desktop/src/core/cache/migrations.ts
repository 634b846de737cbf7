import type { Database } from 'better-sqlite3';
import { schemaV1 } from './schema-v1.js';
import { schemaV4 } from './schema-v4.js';

export interface CacheMigration {
  version: number;
  name: string;
  up(db: Database): void;
}

/**
 * The cache's own migrations, in order; `PRAGMA user_version` records the last applied. Add new
 * ones at the end and never edit a released one: users' caches were built by it.
 */
export const migrations: readonly CacheMigration[] = [
  { version: 1, name: 'chats, messages, search, outbox', up: schemaV1 },
  {
    version: 2,
    name: 'pinned and archived chats',
    up: (db) => db.exec('ALTER TABLE chats ADD COLUMN pinned_at TEXT; ALTER TABLE chats ADD COLUMN archived_seq INTEGER;'),
  },
  {
    version: 3,
    name: 'message requests and chat labels',
    // labels: my personal labels on the chat, a JSON array of strings.
    up: (db) => db.exec("ALTER TABLE chats ADD COLUMN message_request INTEGER NOT NULL DEFAULT 0; ALTER TABLE chats ADD COLUMN labels TEXT NOT NULL DEFAULT '[]';"),
  },
  { version: 4, name: 'stories, notification centre, emoticons, live locations', up: schemaV4 },
];

export function migrate(db: Database): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  const newest = migrations.at(-1)?.version ?? 0;
  if (current > newest) throw new Error(`The cache was written by a newer Confab (schema ${current} > ${newest})`);
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
    applied.push(migration.version);
  }
  return applied;
}
