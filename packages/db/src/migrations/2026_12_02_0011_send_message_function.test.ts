import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { describe, expect, it } from 'vitest';
import { databaseForSuite } from '@confab/testing/database-suite';
import type { DbHandle } from '../create-db.js';
import { migrateToLatest } from '../migrate.js';
import { migrationProvider } from './index.js';

describe('migration 0011 send_message_function', () => {
  let handle: DbHandle;
  databaseForSuite((h) => void (handle = h));

  const send = (clientId: string) =>
    sql<{ status: string; seq: number | null; streamUsers: string[] | null }>`select status, seq, stream_users from confab_send_message('c1', 'u1', ${clientId}, ${`m-${clientId}`},
      'text', 'hello', null, null, ${new Date('2026-05-01T12:00:00Z')}::timestamptz, '{"type":"message.new","message":{"seq":0,"expiresAt":null}}'::jsonb)`.execute(handle.db);

  it('stores a message with the next seq and its event in every member stream, answers a repeat as a duplicate, and its down removes it', async () => {
    const { db } = handle;
    const migrator = new Migrator({ db, provider: migrationProvider });
    expect((await migrator.migrateTo('2026_11_27_0010_auth_housekeeping_indexes')).error).toBeUndefined();
    const at = new Date('2026-05-01T12:00:00Z');
    for (const id of ['u1', 'u2']) {
      await db.insertInto('users').values({ id, phone: `+1201555010${id.at(-1)}`, name: id, about: '', avatarMediaId: null, qrToken: `q${id}`, createdAt: at, deletedAt: null, lastSeenAt: null }).execute();
      await db.insertInto('userStreams').values({ userId: id, lastSeq: 0 }).execute();
    }
    await db.insertInto('chats').values({ id: 'c1', kind: 'direct', directKey: 'u1:u2', createdBy: 'u1', createdAt: at, lastActivityAt: at, name: null, description: null, avatarMediaId: null, disappearingSeconds: null, deletedAt: null }).execute();
    for (const id of ['u1', 'u2']) await db.insertInto('chatMembers').values({ chatId: 'c1', userId: id, role: 'member', joinedSeq: 0, joinedAt: at }).execute();

    expect(await migrateToLatest(db)).toContain('2026_12_02_0011_send_message_function');
    const first = (await send('a')).rows[0]!;
    expect(first).toMatchObject({ status: 'sent', seq: 1 });
    expect([...first.streamUsers!].sort()).toEqual(['u1', 'u2']);
    expect((await send('a')).rows[0]).toMatchObject({ status: 'duplicate' });
    expect((await send('b')).rows[0]).toMatchObject({ status: 'sent', seq: 2 });
    const events = await db.selectFrom('events').select(['userId', 'seq']).orderBy('userId').orderBy('seq').execute();
    expect(events).toEqual([{ userId: 'u1', seq: 1 }, { userId: 'u1', seq: 2 }, { userId: 'u2', seq: 1 }, { userId: 'u2', seq: 2 }]);

    expect((await migrator.migrateTo('2026_11_27_0010_auth_housekeeping_indexes')).error).toBeUndefined();
    const left = await sql<{ n: number }>`select count(*)::int as n from pg_proc where proname = 'confab_send_message'`.execute(db);
    expect(left.rows[0]!.n).toBe(0);
    expect(await db.selectFrom('messages').select('seq').orderBy('seq').execute()).toEqual([{ seq: 1 }, { seq: 2 }]);
  });
});
