import { describe, expect, it } from 'vitest';
import { databaseForSuite } from '@confab/testing/database-suite';
import type { DbHandle } from '../create-db.js';
import { migrateToLatest } from '../migrate.js';

describe('migration 0045 moderation', () => {
  let handle: DbHandle;
  databaseForSuite((h) => void (handle = h));

  // Undo/redo of every migration is covered by migrations.test.ts.
  it('leaves existing users unsuspended and existing reports without evidence', async () => {
    await migrateToLatest(handle.db);
    const { db } = handle;
    await db.insertInto('users').values({ id: 'u1', phone: '+12015550100', name: 'A', about: '', avatarMediaId: null, qrToken: 'q1', createdAt: new Date(), deletedAt: null, lastSeenAt: null }).execute();
    await db.insertInto('reports').values({ id: 'r1', reporterId: 'u1', targetUserId: 'u1', targetChatId: null, reason: 'test', createdAt: new Date(), resolvedAt: null, resolvedBy: null, resolution: null }).execute();
    expect(await db.selectFrom('users').select('suspendedAt').executeTakeFirstOrThrow()).toEqual({ suspendedAt: null });
    expect(await db.selectFrom('reports').select('evidence').executeTakeFirstOrThrow()).toEqual({ evidence: [] });
  });
});
