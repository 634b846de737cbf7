import type { Database, User } from '@confab/db';
import type { Kysely, Transaction } from 'kysely';
import { newId, randomToken } from '../lib/ids.js';
import { createStream } from '../sync/event-log.js';

export async function findUserByPhone(db: Kysely<Database>, phone: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('phone', '=', phone).where('deletedAt', 'is', null).executeTakeFirst();
}

/**
 * The account for a number, created on its first sign-in. Two first sign-ins racing (two
 * devices, or a test number) end with one account: the loser of the insert reads the winner's.
 */
export async function findOrCreateUser(trx: Transaction<Database>, phone: string, now: Date): Promise<{ user: User; isNewUser: boolean }> {
  const existing = await findUserByPhone(trx, phone);
  if (existing) return { user: existing, isNewUser: false };
  const created = await trx
    .insertInto('users')
    .values({ id: newId(), phone, name: '', about: '', avatarMediaId: null, qrToken: randomToken(18), createdAt: now, deletedAt: null, lastSeenAt: null })
    .onConflict((oc) => oc.column('phone').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (created) {
    await createStream(trx, created.id);
    return { user: created, isNewUser: true };
  }
  const winner = await findUserByPhone(trx, phone);
  if (!winner) throw new Error('phone number is held by an account that is not active');
  return { user: winner, isNewUser: false };
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

/** 256 bits from the CSPRNG; only its SHA-256 is stored. */
export const newRefreshToken = (): string => randomToken(32);
