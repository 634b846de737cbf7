import type { Database } from 'better-sqlite3';

/**
 * What the desktop keeps offline besides chats and messages: stories, the notification centre,
 * my custom emoticons and the live locations of cached chats.
 *
 * - stories: the feed's (my contacts') and my own, each as the server's StoryView (`view`, JSON)
 *   plus what changes after posting (seen by me, how many viewed mine). Authors' profiles live in
 *   `users`. `expires_at` is indexed: an expired story leaves on the local clock, offline too.
 * - notifications: the centre's newest entries as the server's NotificationView (`view`), in its
 *   order (`created_at` is the entry's latest activity, then id); the unread count is in `state`.
 * - emoticons: mine, as the server lists them (by shortcut).
 * - live_shares: one row per live location whose message is cached, so the sweep finds the ones
 *   that ran out without reading every location message.
 */
export function schemaV4(db: Database): void {
  db.exec(`
    CREATE TABLE stories (
      id TEXT PRIMARY KEY,
      author_id TEXT NOT NULL,
      media_id TEXT,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      view TEXT NOT NULL,
      seen INTEGER NOT NULL DEFAULT 0,
      view_count INTEGER NOT NULL DEFAULT 0
    ) WITHOUT ROWID;
    CREATE INDEX stories_by_author ON stories(author_id, created_at);
    CREATE INDEX stories_expiring ON stories(expires_at);

    CREATE TABLE notifications (
      id TEXT PRIMARY KEY,
      created_at TEXT NOT NULL,
      read INTEGER NOT NULL DEFAULT 0,
      view TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX notifications_latest ON notifications(created_at, id);

    CREATE TABLE emoticons (
      id TEXT PRIMARY KEY,
      shortcut TEXT NOT NULL,
      media_id TEXT NOT NULL,
      animated INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE live_shares (
      share_id TEXT PRIMARY KEY,
      message_id TEXT NOT NULL UNIQUE,
      chat_id TEXT NOT NULL,
      sharer_id TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      ended_at TEXT
    ) WITHOUT ROWID;
    CREATE INDEX live_shares_running ON live_shares(expires_at) WHERE ended_at IS NULL;

    -- Live locations already cached by an earlier version.
    INSERT OR IGNORE INTO live_shares (share_id, message_id, chat_id, sharer_id, expires_at, ended_at)
      SELECT json_extract(meta, '$.live.shareId'), id, chat_id, sender_id, json_extract(meta, '$.live.expiresAt'), json_extract(meta, '$.live.endedAt')
      FROM messages WHERE kind = 'location' AND json_extract(meta, '$.live.shareId') IS NOT NULL AND json_extract(meta, '$.live.expiresAt') IS NOT NULL;
  `);
}
