import type { Database } from 'better-sqlite3';

/** What a live location adds to its message's meta (the server's LiveMeta). */
export interface LiveMeta {
  shareId: string;
  expiresAt: string;
  endedAt: string | null;
  updatedAt: string;
}

export interface LiveShareRow {
  share_id: string;
  message_id: string;
  chat_id: string;
  sharer_id: string;
  expires_at: string;
  ended_at: string | null;
}

function prepare(db: Database) {
  return {
    upsert: db.prepare(
      `INSERT INTO live_shares (share_id, message_id, chat_id, sharer_id, expires_at, ended_at) VALUES (@share_id, @message_id, @chat_id, @sharer_id, @expires_at, @ended_at)
       ON CONFLICT (share_id) DO UPDATE SET expires_at = excluded.expires_at, ended_at = coalesce(ended_at, excluded.ended_at)`,
    ),
    due: db.prepare('SELECT * FROM live_shares WHERE ended_at IS NULL AND expires_at <= ?'),
    running: db.prepare('SELECT * FROM live_shares WHERE ended_at IS NULL AND expires_at > ? ORDER BY expires_at'),
    end: db.prepare('UPDATE live_shares SET ended_at = ? WHERE share_id = ?'),
    removeOfMessage: db.prepare('DELETE FROM live_shares WHERE message_id = ?'),
  };
}

/** The live locations of cached chats: which are still running, and which ran out. */
export class LiveSharesRepo {
  private readonly s: ReturnType<typeof prepare>;

  constructor(db: Database) {
    this.s = prepare(db);
  }

  /** An end, once known, stays: a late position update cannot restart a share. */
  note(message: { id: string; chat_id: string; sender_id: string }, live: LiveMeta): void {
    this.s.upsert.run({ share_id: live.shareId, message_id: message.id, chat_id: message.chat_id, sharer_id: message.sender_id, expires_at: live.expiresAt, ended_at: live.endedAt });
  }

  /** Running shares whose time is up at `now`. */
  due(now: string): LiveShareRow[] {
    return this.s.due.all(now) as LiveShareRow[];
  }

  running(now: string): LiveShareRow[] {
    return this.s.running.all(now) as LiveShareRow[];
  }

  end(shareId: string, at: string): void {
    this.s.end.run(at, shareId);
  }

  forgetMessage(messageId: string): void {
    this.s.removeOfMessage.run(messageId);
  }
}

/** The live part of a location message's meta, when it has one. */
export function liveMetaOf(meta: string | Record<string, unknown> | null): LiveMeta | null {
  const parsed = typeof meta === 'string' ? (JSON.parse(meta) as Record<string, unknown>) : meta;
  const live = parsed?.live as Partial<LiveMeta> | undefined;
  return live && typeof live.shareId === 'string' && typeof live.expiresAt === 'string'
    ? { shareId: live.shareId, expiresAt: live.expiresAt, endedAt: live.endedAt ?? null, updatedAt: live.updatedAt ?? live.expiresAt }
    : null;
}
