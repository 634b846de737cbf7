import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { describe, expect, it } from 'vitest';
import { databaseForSuite } from '@confab/testing/database-suite';
import type { DbHandle } from '../create-db.js';
import { migrateToLatest } from '../migrate.js';
import { migrationProvider } from './index.js';

const ADDED = [
  'auth_lockouts_updated_at_idx',
  'otp_codes_expires_at_idx',
  'sessions_ended_idx',
  'sessions_live_last_used_idx',
  'spent_refresh_tokens_session_idx',
  'spent_refresh_tokens_spent_at_idx',
];

describe('migration 0010 auth_housekeeping_indexes', () => {
  let handle: DbHandle;
  databaseForSuite((h) => void (handle = h));

  const housekeepingIndexes = async () => {
    const result = await sql<{ name: string; definition: string }>`select indexname as name, indexdef as definition from pg_indexes
      where schemaname = current_schema() and indexname in (${sql.join(ADDED)}) order by indexname`.execute(handle.db);
    return result.rows;
  };

  it('adds the indexes housekeeping reads by, keeps existing rows, and its down removes them again', async () => {
    const { db } = handle;
    const migrator = new Migrator({ db, provider: migrationProvider });
    expect((await migrator.migrateTo('2026_11_26_0009_detached_media')).error).toBeUndefined();
    const at = new Date('2026-05-01T12:00:00Z');
    await db.insertInto('users').values({ id: 'u1', phone: '+12015550100', name: 'A', about: '', avatarMediaId: null, qrToken: 'q1', createdAt: at, deletedAt: null, lastSeenAt: null }).execute();
    await db.insertInto('sessions').values({ id: 's1', userId: 'u1', deviceName: 'd', refreshHash: 'h1', createdAt: at, lastUsedAt: at, revokedAt: null }).execute();
    await db.insertInto('spentRefreshTokens').values({ hash: 'h0', sessionId: 's1', spentAt: at }).execute();

    expect(await migrateToLatest(db)).toContain('2026_11_27_0010_auth_housekeeping_indexes');
    const indexes = await housekeepingIndexes();
    expect(indexes.map((i) => i.name)).toEqual(ADDED);
    // Partial: the idle sweep reads live sessions only, the retention delete ended ones only.
    expect(indexes.find((i) => i.name === 'sessions_live_last_used_idx')?.definition).toMatch(/WHERE \(revoked_at IS NULL\)/);
    expect(indexes.find((i) => i.name === 'sessions_ended_idx')?.definition).toMatch(/WHERE \(revoked_at IS NOT NULL\)/);
    expect(await db.selectFrom('spentRefreshTokens').select(['hash', 'sessionId']).execute()).toEqual([{ hash: 'h0', sessionId: 's1' }]);

    expect((await migrator.migrateTo('2026_11_26_0009_detached_media')).error).toBeUndefined();
    expect(await housekeepingIndexes()).toEqual([]);
    expect(await db.selectFrom('sessions').select('id').execute()).toEqual([{ id: 's1' }]);
  });
});
