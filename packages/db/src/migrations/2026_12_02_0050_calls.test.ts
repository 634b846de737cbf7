import { describe, expect, it } from 'vitest';
import { databaseForSuite } from '@confab/testing/database-suite';
import type { DbHandle } from '../create-db.js';
import { migrateToLatest } from '../migrate.js';

describe('migration 0050 calls', () => {
  let handle: DbHandle;
  const now = new Date('2026-12-02T12:00:00Z');
  databaseForSuite((h) => void (handle = h));

  // Undo/redo of every migration is covered by migrations.test.ts.
  it('keeps at most one call open per chat, and any number of ended ones', async () => {
    const { db } = handle;
    await migrateToLatest(db);
    const user = (id: string) => ({ id, phone: null, name: id, about: '', avatarMediaId: null, qrToken: `q-${id}`, createdAt: now, deletedAt: null, lastSeenAt: null });
    await db.insertInto('users').values([user('ana'), user('ben')]).execute();
    await db
      .insertInto('chats')
      .values({ id: 'c1', kind: 'direct', directKey: 'ana:ben', name: null, description: null, avatarMediaId: null, createdBy: 'ana', createdAt: now, lastSeq: 0, lastActivityAt: now })
      .execute();
    const call = (id: string, state: 'ringing' | 'ended') => ({ id, chatId: 'c1', callerId: 'ana', video: false, state, endReason: state === 'ended' ? ('missed' as const) : null, startedAt: now, answeredAt: null, endedAt: null });
    await db.insertInto('calls').values([call('old1', 'ended'), call('old2', 'ended'), call('open', 'ringing')]).execute();
    await expect(db.insertInto('calls').values(call('second', 'ringing')).execute()).rejects.toThrow();
    await db.insertInto('callParticipants').values({ callId: 'open', userId: 'ben', state: 'ringing', sessionId: null, joinedAt: null, leftAt: null, lastSeenAt: null }).execute();
    await expect(db.insertInto('callParticipants').values({ callId: 'open', userId: 'ben', state: 'joined', sessionId: 's', joinedAt: now, leftAt: null, lastSeenAt: now }).execute()).rejects.toThrow();
    // A chat's deletion takes its calls and their parties with it.
    await db.deleteFrom('chats').where('id', '=', 'c1').execute();
    expect(await db.selectFrom('callParticipants').selectAll().execute()).toEqual([]);
  });
});
