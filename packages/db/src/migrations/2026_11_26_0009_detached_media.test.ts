import { Migrator } from 'kysely/migration';
import { describe, expect, it } from 'vitest';
import { databaseForSuite } from '@confab/testing/database-suite';
import type { DbHandle } from '../create-db.js';
import { migrateToLatest } from '../migrate.js';
import { migrationProvider } from './index.js';

describe('migration 0009 detached_media', () => {
  let handle: DbHandle;
  const now = new Date('2026-05-01T12:00:00Z');
  databaseForSuite((h) => void (handle = h));

  // Undo/redo of every migration is covered by migrations.test.ts.
  it('leaves files uploaded before it unmarked, so none of them becomes collectable', async () => {
    const { db } = handle;
    const migrator = new Migrator({ db, provider: migrationProvider });
    expect((await migrator.migrateTo('2026_11_25_0008_chat_features')).error).toBeUndefined();
    await db.insertInto('users').values({ id: 'u1', phone: null, name: 'A', about: '', avatarMediaId: null, qrToken: 'q1', createdAt: now, deletedAt: null, lastSeenAt: null }).execute();
    await db
      .insertInto('media')
      .values({ id: 'old', ownerId: 'u1', sha256: 'a'.repeat(64), size: 1, mime: 'image/png', kind: 'image', fileName: null, width: 1, height: 1, durationMs: null, createdAt: now, thumbSha256: null, thumbMime: null })
      .execute();

    expect(await migrateToLatest(db)).toContain('2026_11_26_0009_detached_media');
    expect(await db.selectFrom('media').select(['id', 'detachedAt']).execute()).toEqual([{ id: 'old', detachedAt: null }]);
    await db.updateTable('media').set({ detachedAt: now }).where('id', '=', 'old').execute();
    expect(await db.selectFrom('media').select('id').where('detachedAt', '<=', now).execute()).toEqual([{ id: 'old' }]);
  });
});
