import type { Database } from 'better-sqlite3';

/** Something the user did that the server has not acknowledged yet. */
export type OutboxOp =
  /** `mentions`: members named with @ (optional: entries queued by older versions have none). */
  | { op: 'send'; chatId: string; clientId: string; text: string; replyToId: string | null; mentions?: string[] }
  | { op: 'edit'; chatId: string; clientId: string; messageId: string; text: string }
  | { op: 'delete'; chatId: string; clientId: string; messageId: string; forEveryone: boolean }
  /** `emoticonId`: one of my custom emoticons (`emoji` is then its `:shortcut:`). */
  | { op: 'react'; chatId: string; clientId: string; messageId: string; emoji: string | null; emoticonId?: string }
  | { op: 'markRead'; chatId: string; clientId: string; seq: number }
  /** Notification-centre reads belong to no chat (chatId ''). */
  | { op: 'notificationsRead'; chatId: ''; clientId: string; ids: string[] }
  | { op: 'notificationsAllRead'; chatId: ''; clientId: string }
  | { op: 'notificationDelete'; chatId: ''; clientId: string; id: string }
  /** A contact's story I watched: seen here at once, the author told when online. */
  | { op: 'storyView'; chatId: ''; clientId: string; storyId: string };

export type NotificationCentreOp = Extract<OutboxOp, { op: 'notificationsRead' | 'notificationsAllRead' | 'notificationDelete' }>;

export interface OutboxEntry {
  n: number;
  attempts: number;
  failed: boolean;
  lastError: string | null;
  item: OutboxOp;
}

interface OutboxRow {
  n: number;
  client_id: string;
  op: OutboxOp['op'];
  chat_id: string;
  payload: string;
  attempts: number;
  failed: number;
  last_error: string | null;
}

function prepare(db: Database) {
  return {
    insert: db.prepare('INSERT INTO outbox (client_id, op, chat_id, payload, created_at) VALUES (?, ?, ?, ?, ?)'),
    next: db.prepare('SELECT * FROM outbox WHERE failed = 0 ORDER BY n LIMIT 1'),
    byClientId: db.prepare('SELECT * FROM outbox WHERE client_id = ?'),
    remove: db.prepare('DELETE FROM outbox WHERE n = ?'),
    attempt: db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE n = ?'),
    fail: db.prepare('UPDATE outbox SET failed = 1, last_error = ? WHERE n = ?'),
    setPayload: db.prepare('UPDATE outbox SET payload = ? WHERE n = ?'),
    count: db.prepare('SELECT count(*) FROM outbox WHERE failed = 0').pluck(),
    all: db.prepare('SELECT * FROM outbox ORDER BY n'),
    dropMarkRead: db.prepare(`DELETE FROM outbox WHERE op = 'markRead' AND chat_id = ? AND failed = 0`),
    notificationCentre: db.prepare(`SELECT * FROM outbox WHERE op IN ('notificationsRead', 'notificationsAllRead', 'notificationDelete') AND failed = 0 ORDER BY n`),
  };
}

/**
 * The outbox lives in SQLite, in the same transactions as the optimistic change it belongs to,
 * so a crash loses nothing. Entries leave in insertion order, one at a time.
 */
export class OutboxRepo {
  private readonly s: ReturnType<typeof prepare>;

  constructor(db: Database) {
    this.s = prepare(db);
  }

  enqueue(item: OutboxOp, now: string): void {
    const { op, chatId, clientId, ...payload } = item;
    // Only the newest read mark per chat matters.
    if (op === 'markRead') this.s.dropMarkRead.run(chatId);
    this.s.insert.run(clientId, op, chatId, JSON.stringify(payload), now);
  }

  next(): OutboxEntry | null {
    const row = this.s.next.get() as OutboxRow | undefined;
    return row ? toEntry(row) : null;
  }

  byClientId(clientId: string): OutboxEntry | null {
    const row = this.s.byClientId.get(clientId) as OutboxRow | undefined;
    return row ? toEntry(row) : null;
  }

  remove(n: number): void {
    this.s.remove.run(n);
  }

  noteAttempt(n: number, error: string): void {
    this.s.attempt.run(error, n);
  }

  markFailed(n: number, error: string): void {
    this.s.fail.run(error, n);
  }

  /** A send that has not left yet can still change (edited before it was sent). */
  updateSendText(n: number, item: Extract<OutboxOp, { op: 'send' }>, text: string): void {
    this.s.setPayload.run(JSON.stringify({ text, replyToId: item.replyToId }), n);
  }

  size(): number {
    return this.s.count.get() as number;
  }

  /** Notification-centre reads and deletions not yet sent, oldest first. */
  pendingNotificationChanges(): NotificationCentreOp[] {
    return (this.s.notificationCentre.all() as OutboxRow[]).map((row) => toEntry(row).item as NotificationCentreOp);
  }

  /** The messages queued edits, deletions and reactions are about (a cache rebuild keeps them). */
  referencedMessageIds(): Set<string> {
    const ids = new Set<string>();
    for (const row of this.s.all.all() as OutboxRow[]) {
      const { item } = toEntry(row);
      if ('messageId' in item) ids.add(item.messageId);
    }
    return ids;
  }
}

function toEntry(row: OutboxRow): OutboxEntry {
  const item = { op: row.op, chatId: row.chat_id, clientId: row.client_id, ...(JSON.parse(row.payload) as object) } as OutboxOp;
  return { n: row.n, attempts: row.attempts, failed: row.failed === 1, lastError: row.last_error, item };
}
