import type { Database } from 'better-sqlite3';

function prepare(db: Database) {
  return {
    join: db.prepare(
      `INSERT INTO members (chat_id, user_id, active) VALUES (?, ?, 1)
       ON CONFLICT (chat_id, user_id) DO UPDATE SET active = 1`,
    ),
    leave: db.prepare(
      `INSERT INTO members (chat_id, user_id, active) VALUES (?, ?, 0)
       ON CONFLICT (chat_id, user_id) DO UPDATE SET active = 0`,
    ),
    receipt: db.prepare(
      `INSERT INTO members (chat_id, user_id, last_read_seq, last_delivered_seq) VALUES (@chatId, @userId, @read, @delivered)
       ON CONFLICT (chat_id, user_id) DO UPDATE SET
         last_read_seq = max(last_read_seq, excluded.last_read_seq),
         last_delivered_seq = max(last_delivered_seq, excluded.last_delivered_seq)`,
    ),
    others: db.prepare(
      `SELECT min(last_read_seq) AS read, min(last_delivered_seq) AS delivered, count(*) AS n
       FROM members WHERE chat_id = ? AND user_id != ? AND active = 1`,
    ),
  };
}

/** Who is in a chat (as far as events told us) and how far each has read: for read ticks. */
export class MembersRepo {
  private readonly s: ReturnType<typeof prepare>;

  constructor(db: Database) {
    this.s = prepare(db);
  }

  join(chatId: string, userId: string): void {
    this.s.join.run(chatId, userId);
  }

  leave(chatId: string, userId: string): void {
    this.s.leave.run(chatId, userId);
  }

  receipt(chatId: string, userId: string, readSeq: number, deliveredSeq: number): void {
    this.s.receipt.run({ chatId, userId, read: readSeq, delivered: Math.max(deliveredSeq, readSeq) });
  }

  /** The lowest read and delivered marks among the other active members; null if none known. */
  others(chatId: string, me: string): { read: number | null; delivered: number | null } {
    const row = this.s.others.get(chatId, me) as { read: number | null; delivered: number | null; n: number };
    return row.n === 0 ? { read: null, delivered: null } : { read: row.read, delivered: row.delivered };
  }
}
