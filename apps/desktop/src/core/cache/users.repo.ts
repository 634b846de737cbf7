import type { UserView } from '@confab/api';
import type { Database } from 'better-sqlite3';
import type { Profile } from '../types.js';

interface UserRow {
  id: string;
  phone: string | null;
  name: string;
  about: string;
  avatar_media_id: string | null;
  deleted: number;
}

function prepare(db: Database) {
  return {
    get: db.prepare('SELECT * FROM users WHERE id = ?'),
    upsert: db.prepare(
      `INSERT INTO users (id, phone, name, about, avatar_media_id, deleted) VALUES (@id, @phone, @name, @about, @avatar_media_id, @deleted)
       ON CONFLICT (id) DO UPDATE SET phone = coalesce(excluded.phone, phone), name = excluded.name, about = excluded.about,
         avatar_media_id = excluded.avatar_media_id, deleted = excluded.deleted`,
    ),
  };
}

/** Profiles of the people in the user's chats. */
export class UsersRepo {
  private readonly s: ReturnType<typeof prepare>;

  constructor(db: Database) {
    this.s = prepare(db);
  }

  get(userId: string): Profile | null {
    const row = this.s.get.get(userId) as UserRow | undefined;
    if (!row) return null;
    return { id: row.id, phone: row.phone, name: row.name, about: row.about, avatarMediaId: row.avatar_media_id, deleted: row.deleted === 1 };
  }

  upsert(user: UserView | (Omit<UserView, 'phone' | 'deleted'> & { phone?: string | null; deleted?: boolean })): void {
    this.s.upsert.run({
      id: user.id,
      phone: user.phone ?? null,
      name: user.name,
      about: user.about,
      avatar_media_id: user.avatarMediaId,
      deleted: user.deleted ? 1 : 0,
    });
  }
}
