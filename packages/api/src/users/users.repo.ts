import type { Database, User } from '@confab/db';
import type { Kysely } from 'kysely';
import { fail } from '../errors.js';
import { coMemberIds } from '../presence/presence.repo.js';

export async function findUser(db: Kysely<Database>, userId: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
}

/** Any account ever registered, deleted ones included (they still label old messages). */
export async function loadUser(db: Kysely<Database>, userId: string): Promise<User> {
  const user = await findUser(db, userId);
  if (!user) throw fail.notFound('User');
  return user;
}

/** An account that still exists; a deleted one is NOT_FOUND for anything that would act on it. */
export async function loadLiveUser(db: Kysely<Database>, userId: string): Promise<User> {
  const user = await findUser(db, userId);
  if (!user || user.deletedAt !== null) throw fail.notFound('User');
  return user;
}

/** True when the two users are (or were) in a chat together. */
export async function shareAChat(db: Kysely<Database>, a: string, b: string): Promise<boolean> {
  const row = await db
    .selectFrom('chatMembers as x')
    .innerJoin('chatMembers as y', 'y.chatId', 'x.chatId')
    .select('x.chatId')
    .where('x.userId', '=', a)
    .where('y.userId', '=', b)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function hasContact(db: Kysely<Database>, ownerId: string, contactId: string): Promise<boolean> {
  const row = await db.selectFrom('contacts').select('contactId').where('ownerId', '=', ownerId).where('contactId', '=', contactId).executeTakeFirst();
  return row !== undefined;
}

/**
 * Who shows this user's name or photo and so must hear when it changes: the user, everyone in
 * a current chat with them, and everyone who has them as a contact.
 */
export async function profileAudience(db: Kysely<Database>, userId: string): Promise<string[]> {
  const [coMembers, contactOwners] = await Promise.all([coMemberIds(db, userId), db.selectFrom('contacts').select('ownerId').where('contactId', '=', userId).execute()]);
  return [...new Set([userId, ...coMembers, ...contactOwners.map((r) => r.ownerId)])];
}
