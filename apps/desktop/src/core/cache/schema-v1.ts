import type { Database } from 'better-sqlite3';

/**
 * The first cache schema.
 *
 * messages.tk (the rowid) is `createdAt in ms * 1024 + n`: rowid order is time order, so the
 * search indexes, whose doclists are kept in rowid order, give "newest first" by walking
 * backwards and stop after one page, instead of sorting every hit.
 *
 * The three search tables are contentless (the text lives once, in messages) and allow DELETE
 * (`contentless_delete=1`, SQLite ≥ 3.43):
 * - search_words: words, stemmed (porter), diacritics folded; CJK and other unsegmented scripts
 *   are masked out and go to the two tables below. Its `chat` column holds `c<chats.no>`, so a
 *   chat filter is one more term in the same MATCH instead of a row-by-row check. Prefix
 *   indexes for 2–5 characters: FTS5 answers a longer prefix by merging every matching term's
 *   hits in memory (milliseconds for a common stem over 1M messages); with the index it walks
 *   one list and stops after a page. They cost about 30 % more index space.
 * - search_trigram: unsegmented-script runs only, for substring queries of ≥ 3 characters.
 * - search_bigram: the same runs as single characters and pairs, for 1–2 character queries.
 */
export function schemaV1(db: Database): void {
  db.exec(`
    CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

    CREATE TABLE users (
      id TEXT PRIMARY KEY,
      phone TEXT,
      name TEXT NOT NULL,
      about TEXT NOT NULL DEFAULT '',
      avatar_media_id TEXT,
      deleted INTEGER NOT NULL DEFAULT 0
    ) WITHOUT ROWID;

    CREATE TABLE chats (
      no INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL,
      title TEXT NOT NULL,
      description TEXT,
      avatar_media_id TEXT,
      peer_id TEXT,
      role TEXT NOT NULL DEFAULT 'member',
      read_only INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      last_activity_at TEXT NOT NULL,
      last_seq INTEGER NOT NULL DEFAULT 0,
      last_read_seq INTEGER NOT NULL DEFAULT 0,
      unread_count INTEGER NOT NULL DEFAULT 0,
      muted_until TEXT,
      hidden INTEGER NOT NULL DEFAULT 0,
      disappearing_seconds INTEGER,
      theme TEXT,
      background TEXT,
      -- Every visible message with seq >= this is cached; NULL: nothing is known yet.
      complete_from_seq INTEGER,
      -- Made from an event before the server described the chat (chats.get pending).
      placeholder INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX chats_by_activity ON chats(last_activity_at);

    CREATE TABLE members (
      chat_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      active INTEGER NOT NULL DEFAULT 1,
      last_read_seq INTEGER NOT NULL DEFAULT 0,
      last_delivered_seq INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (chat_id, user_id)
    ) WITHOUT ROWID;

    CREATE TABLE messages (
      tk INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      chat_id TEXT NOT NULL,
      seq INTEGER,
      sender_id TEXT NOT NULL,
      client_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      text TEXT,
      media_id TEXT,
      reply_to_id TEXT,
      meta TEXT,
      created_at TEXT NOT NULL,
      edited_at TEXT,
      deleted_at TEXT,
      expires_at TEXT,
      reactions TEXT NOT NULL DEFAULT '[]',
      status TEXT NOT NULL DEFAULT 'sent'
    );
    CREATE UNIQUE INDEX messages_by_chat_seq ON messages(chat_id, seq) WHERE seq IS NOT NULL;
    CREATE UNIQUE INDEX messages_by_client_id ON messages(chat_id, sender_id, client_id);
    -- Unsent messages of a chat, without walking the chat's whole history.
    CREATE INDEX messages_unsent ON messages(chat_id, tk) WHERE seq IS NULL;
    CREATE INDEX messages_expiring ON messages(expires_at) WHERE expires_at IS NOT NULL;

    CREATE TABLE media (
      id TEXT PRIMARY KEY,
      chat_id TEXT NOT NULL,
      message_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      mime TEXT,
      size INTEGER,
      name TEXT,
      -- Set once the file is on disk, so it stays viewable offline.
      local_path TEXT,
      downloaded_at TEXT
    ) WITHOUT ROWID;

    CREATE TABLE outbox (
      n INTEGER PRIMARY KEY AUTOINCREMENT,
      client_id TEXT NOT NULL UNIQUE,
      op TEXT NOT NULL,
      chat_id TEXT NOT NULL,
      payload TEXT NOT NULL,
      created_at TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      failed INTEGER NOT NULL DEFAULT 0,
      last_error TEXT
    );

    CREATE VIRTUAL TABLE search_words USING fts5(
      body, chat, content='', contentless_delete=1,
      tokenize='porter unicode61 remove_diacritics 2', prefix='2 3 4 5'
    );
    CREATE VIRTUAL TABLE search_trigram USING fts5(body, content='', contentless_delete=1, tokenize='trigram');
    CREATE VIRTUAL TABLE search_bigram USING fts5(
      body, content='', contentless_delete=1, tokenize="unicode61 categories 'L* N* Co M*'"
    );
  `);
}
