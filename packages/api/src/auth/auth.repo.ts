import type { Database, User } from '@confab/db';
import type { Kysely, Transaction } from 'kysely';
import { newId, randomToken } from '../lib/ids.js';
import { createStream } from '../sync/event-log.js';

export async function findUserByPhone(db: Kysely<Database>, phone: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('phone', '=', phone).where('deletedAt', 'is', null).executeTakeFirst();
}

export async function createUser(trx: Transaction<Database>, phone: string, now: Date): Promise<User> {
  const user = await trx
    .insertInto('users')
    .values({ id: newId(), phone, name: '', about: '', avatarMediaId: null, qrToken: randomToken(18), createdAt: now, deletedAt: null, lastSeenAt: null })
    .returningAll()
    .executeTakeFirstOrThrow();
  await createStream(trx, user.id);
  return user;
}

export async function insertSession(db: Kysely<Database>, values: { id: string; userId: string; deviceName: string; refreshHash: string; now: Date }) {
  await db
    .insertInto('sessions')
    .values({ id: values.id, userId: values.userId, deviceName: values.deviceName, refreshHash: values.refreshHash, createdAt: values.now, lastUsedAt: values.now, revokedAt: null })
    .execute();
}

export async function isSessionActive(db: Kysely<Database>, sessionId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('sessions')
    .select('id')
    .where('id', '=', sessionId)
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

export async function revokeSessionRow(db: Kysely<Database>, sessionId: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('sessions').set({ revokedAt: now }).where('id', '=', sessionId).where('revokedAt', 'is', null).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export const newRefreshToken = (): string => randomToken(32);
