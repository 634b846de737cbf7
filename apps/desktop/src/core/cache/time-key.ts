import type { Database, Statement } from 'better-sqlite3';

/**
 * Keys per millisecond. `ms * 1024` stays below 2^53 (exact in a JS number) until the year
 * 2248, and a millisecond never holds 1,024 messages in one person's cache.
 */
export const KEYS_PER_MS = 1024;

export const timeOfKey = (tk: number): number => Math.floor(tk / KEYS_PER_MS);

/** Allocates messages.tk: the creation time in ms, times 1024, plus the next free slot. */
export class TimeKeys {
  private readonly maxInBucket: Statement;
  private readonly maxFrom: Statement;

  constructor(db: Database) {
    this.maxInBucket = db.prepare('SELECT max(tk) FROM messages WHERE tk >= ? AND tk < ?').pluck();
    this.maxFrom = db.prepare('SELECT max(tk) FROM messages WHERE tk >= ?').pluck();
  }

  allocate(createdAt: string): number {
    const ms = Date.parse(createdAt);
    const base = (Number.isFinite(ms) ? Math.max(0, ms) : 0) * KEYS_PER_MS;
    const max = this.maxInBucket.get(base, base + KEYS_PER_MS) as number | null;
    if (max === null) return base;
    if (max + 1 < base + KEYS_PER_MS) return max + 1;
    // A full millisecond: take the first key after everything from here on.
    return (this.maxFrom.get(base) as number) + 1;
  }

  /** Whether `tk` was allocated for this creation time (a pending row gets the server's time). */
  static matches(tk: number, createdAt: string): boolean {
    return timeOfKey(tk) === Date.parse(createdAt);
  }
}
