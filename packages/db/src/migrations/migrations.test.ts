import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { Migrator, NO_MIGRATIONS } from 'kysely/migration';
import { afterEach, describe, expect, it } from 'vitest';
import { freshDatabaseUrl } from '@confab/testing/test-database';
import { createDb, type DbHandle } from '../create-db.js';
import { migrateToLatest } from '../migrate.js';
import { migrationProvider, migrations } from './index.js';

describe('migrations', () => {
  const open: DbHandle[] = [];
  const drops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const h of open.splice(0)) await h.close();
    for (const d of drops.splice(0)) await d();
  });

  async function fresh() {
    const db = await freshDatabaseUrl();
    drops.push(db.drop);
    const handle = await createDb({ url: db.url });
    open.push(handle);
    return handle;
  }

  it('apply in order to an empty database, and a second run changes nothing', async () => {
    const { db } = await fresh();
    expect(await migrateToLatest(db)).toEqual(Object.keys(migrations).sort());
    expect(await migrateToLatest(db)).toEqual([]);
    const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(db);
    const names = tables.rows.map((r) => r.name);
    for (const table of ['users', 'sessions', 'chats', 'chat_members', 'messages', 'events', 'user_streams', 'media']) expect(names).toContain(table);
  });

  it('each migration can be undone and redone', async () => {
    const { db } = await fresh();
    const migrator = new Migrator({ db, provider: migrationProvider });
    await migrateToLatest(db);
    const down = await migrator.migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    expect(down.results?.every((r) => r.status === 'Success')).toBe(true);
    expect(await migrateToLatest(db)).toHaveLength(Object.keys(migrations).length);
  });

  it('keep data in a PGlite folder across reopen, and map bigint columns to numbers', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'confab-pglite-'));
    drops.push(() => rm(dir, { recursive: true, force: true }));
    const first = await createDb({ dataDir: dir });
    await migrateToLatest(first.db);
    await first.db.insertInto('userStreams').values({ userId: 'u1', lastSeq: 41 }).execute();
    await first.close();

    const second = await createDb({ dataDir: dir });
    open.push(second);
    const row = await second.db.selectFrom('userStreams').selectAll().executeTakeFirstOrThrow();
    expect(row).toEqual({ userId: 'u1', lastSeq: 41 });
  });

  it('refuses a DATABASE_URL it does not understand', async () => {
    await expect(createDb({ url: 'mysql://localhost/x' })).rejects.toThrow(/DATABASE_URL/);
  });
});
