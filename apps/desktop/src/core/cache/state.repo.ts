import type { Database } from 'better-sqlite3';

export const StateKeys = {
  lastEventId: 'sync.lastEventId',
  sessionUser: 'session.user',
  sessionId: 'session.id',
  preview: 'notify.preview',
  mutedAllUntil: 'notify.mutedAllUntil',
  /** The server's `settings.notifications` (preview, sound, categories), as last heard. */
  serverNotifications: 'notify.server',
  /** This app's entry in `devices.list` (kind desktop) for its session, and whether `devices.remove` named it. */
  device: 'device',
  /** The notification centre's unread count, as the server last told (less what was read here since). */
  notificationsUnread: 'notifications.unread',
} as const;

/** Small named values: the sync position, who is signed in, notification settings. */
export class StateRepo {
  private readonly getStatement;
  private readonly setStatement;
  private readonly deleteStatement;

  constructor(db: Database) {
    this.getStatement = db.prepare('SELECT value FROM state WHERE key = ?').pluck();
    this.setStatement = db.prepare('INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.deleteStatement = db.prepare('DELETE FROM state WHERE key = ?');
  }

  get(key: string): string | null {
    return (this.getStatement.get(key) as string | undefined) ?? null;
  }

  set(key: string, value: string | null): void {
    if (value === null) this.deleteStatement.run(key);
    else this.setStatement.run(key, value);
  }

  getJson<T>(key: string): T | null {
    const value = this.get(key);
    return value === null ? null : (JSON.parse(value) as T);
  }

  setJson(key: string, value: unknown): void {
    this.set(key, value === null ? null : JSON.stringify(value));
  }
}
