import { describe, expect, it } from 'vitest';
import { databaseForSuite } from '@confab/testing/database-suite';
import type { DbHandle } from '../create-db.js';
import { migrateToLatest } from '../migrate.js';

describe('migration 0007 groups_and_polls', () => {
  let handle: DbHandle;
  const now = new Date('2026-05-01T12:00:00Z');
  databaseForSuite(async (h) => {
    handle = h;
    await migrateToLatest(handle.db);
    const { db } = handle;
    for (const id of ['u1', 'u2']) {
      await db.insertInto('users').values({ id, phone: null, name: id, about: '', avatarMediaId: null, qrToken: `q-${id}`, createdAt: now, deletedAt: null, lastSeenAt: null }).execute();
    }
    await db.insertInto('chats').values({ id: 'g1', kind: 'group', directKey: null, name: 'G', description: null, avatarMediaId: null, createdBy: 'u1', createdAt: now, lastActivityAt: now, disappearingSeconds: null, deletedAt: null }).execute();
    await db.insertInto('messages').values({ id: 'm1', chatId: 'g1', seq: 1, senderId: 'u1', clientId: 'c1', kind: 'poll', text: 'Q', mediaId: null, replyToId: null, meta: null, createdAt: now, editedAt: null, deletedAt: null, expiresAt: null }).execute();
  });

  // Undo/redo of every migration is covered by migrations.test.ts.
  it('allows one active invite link per group, any number of revoked ones', async () => {
    const { db } = handle;
    await db.insertInto('groupInviteLinks').values({ code: 'old', chatId: 'g1', createdBy: 'u1', createdAt: now, revokedAt: now }).execute();
    await db.insertInto('groupInviteLinks').values({ code: 'live', chatId: 'g1', createdBy: 'u1', createdAt: now, revokedAt: null }).execute();
    await expect(db.insertInto('groupInviteLinks').values({ code: 'second', chatId: 'g1', createdBy: 'u1', createdAt: now, revokedAt: null }).execute()).rejects.toThrow(/unique|duplicate/i);
  });

  it('keeps one pending invitation per person and group, and checks the status', async () => {
    const { db } = handle;
    const invitation = { chatId: 'g1', inviterId: 'u1', inviteeId: 'u2', createdAt: now, expiresAt: now, respondedAt: null };
    await db.insertInto('groupInvitations').values({ id: 'i1', ...invitation }).execute();
    expect(await db.selectFrom('groupInvitations').select('status').where('id', '=', 'i1').executeTakeFirstOrThrow()).toEqual({ status: 'pending' });
    await expect(db.insertInto('groupInvitations').values({ id: 'i2', ...invitation }).execute()).rejects.toThrow(/unique|duplicate/i);
    await db.updateTable('groupInvitations').set({ status: 'declined' }).where('id', '=', 'i1').execute();
    await db.insertInto('groupInvitations').values({ id: 'i3', ...invitation }).execute();
    await expect(db.updateTable('groupInvitations').set({ status: 'maybe' as never }).where('id', '=', 'i3').execute()).rejects.toThrow(/check/i);
  });

  it('refuses a double vote for one option, orders votes as cast, and removes a poll with its chat', async () => {
    const { db } = handle;
    await db.insertInto('polls').values({ id: 'p1', chatId: 'g1', messageId: 'm1', creatorId: 'u1', question: 'Q', multipleAnswers: true, createdAt: now }).execute();
    await db.insertInto('pollOptions').values([{ id: 'o1', pollId: 'p1', position: 0, text: 'A' }, { id: 'o2', pollId: 'p1', position: 1, text: 'B' }]).execute();
    await db.insertInto('pollVotes').values({ pollId: 'p1', optionId: 'o2', userId: 'u2', createdAt: now }).execute();
    await db.insertInto('pollVotes').values({ pollId: 'p1', optionId: 'o1', userId: 'u1', createdAt: now }).execute();
    await expect(db.insertInto('pollVotes').values({ pollId: 'p1', optionId: 'o1', userId: 'u1', createdAt: now }).execute()).rejects.toThrow(/unique|duplicate/i);
    const order = await db.selectFrom('pollVotes').select('userId').orderBy('castOrder').execute();
    expect(order.map((v) => v.userId)).toEqual(['u2', 'u1']);

    await db.deleteFrom('chats').where('id', '=', 'g1').execute();
    for (const table of ['polls', 'pollOptions', 'pollVotes', 'groupInviteLinks', 'groupInvitations'] as const) {
      expect(await db.selectFrom(table).selectAll().execute(), table).toEqual([]);
    }
  });
});
