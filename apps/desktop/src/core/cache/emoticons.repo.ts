import type { Database } from 'better-sqlite3';
import type { EmoticonView } from './server-views.js';

interface EmoticonRow {
  id: string;
  shortcut: string;
  media_id: string;
  animated: number;
  created_at: string;
}

function prepare(db: Database) {
  return {
    all: db.prepare('SELECT * FROM emoticons ORDER BY shortcut'),
    get: db.prepare('SELECT * FROM emoticons WHERE id = ?'),
    upsert: db.prepare(
      `INSERT INTO emoticons (id, shortcut, media_id, animated, created_at) VALUES (@id, @shortcut, @media_id, @animated, @created_at)
       ON CONFLICT (id) DO UPDATE SET shortcut = excluded.shortcut, media_id = excluded.media_id, animated = excluded.animated`,
    ),
    remove: db.prepare('DELETE FROM emoticons WHERE id = ? RETURNING media_id').pluck(),
  };
}

const toView = (row: EmoticonRow): EmoticonView => ({ id: row.id, shortcut: row.shortcut, mediaId: row.media_id, animated: row.animated === 1, createdAt: row.created_at });

/** My custom emoticons, for the composer's picker, offline too. */
export class EmoticonsRepo {
  private readonly s: ReturnType<typeof prepare>;

  constructor(db: Database) {
    this.s = prepare(db);
  }

  /** In the server's order (by shortcut). */
  all(): EmoticonView[] {
    return (this.s.all.all() as EmoticonRow[]).map(toView);
  }

  get(emoticonId: string): EmoticonView | null {
    const row = this.s.get.get(emoticonId) as EmoticonRow | undefined;
    return row ? toView(row) : null;
  }

  upsert(view: EmoticonView): void {
    this.s.upsert.run({ id: view.id, shortcut: view.shortcut, media_id: view.mediaId, animated: view.animated ? 1 : 0, created_at: view.createdAt });
  }

  /** Returns the image's media id, to forget its downloaded file. */
  remove(emoticonId: string): string | null {
    return (this.s.remove.get(emoticonId) as string | undefined) ?? null;
  }
}
