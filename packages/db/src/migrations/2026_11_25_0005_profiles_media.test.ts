import { describe, expect, it } from 'vitest';
import { databaseForSuite } from '@confab/testing/database-suite';
import type { DbHandle } from '../create-db.js';
import { migrateToLatest } from '../migrate.js';

describe('migration 0005 profiles_media', () => {
  let handle: DbHandle;
  databaseForSuite((h) => void (handle = h));

  // Undo/redo of every migration is covered by migrations.test.ts.
  it('adds thumbnails to media and a reports table with open status and no messages by default', async () => {
    await migrateToLatest(handle.db);
    const { db } = handle;
    await db.insertInto('users').values({ id: 'u1', phone: '+12015550100', name: 'A', about: '', avatarMediaId: null, qrToken: 'q1', createdAt: new Date(), deletedAt: null, lastSeenAt: null }).execute();
    await db
      .insertInto('media')
      .values({ id: 'm1', ownerId: 'u1', sha256: 'a'.repeat(64), size: 1, mime: 'image/png', kind: 'image', fileName: null, width: 1, height: 1, durationMs: null, createdAt: new Date(), thumbSha256: 'b'.repeat(64), thumbMime: 'image/webp' })
      .execute();
    await db.insertInto('reports').values({ id: 'r1', reporterId: 'u1', targetUserId: 'u1', targetChatId: null, reason: 'test', createdAt: new Date(), resolvedAt: null, resolvedBy: null, resolution: null }).execute();
    expect(await db.selectFrom('reports').select(['status', 'messageIds']).executeTakeFirstOrThrow()).toEqual({ status: 'open', messageIds: [] });
  });
});
