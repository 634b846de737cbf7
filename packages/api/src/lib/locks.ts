import type { Chat, Database, GroupInvitation, User } from '@confab/db';
import { sql, type Transaction } from 'kysely';

/**
 * Row locks (`select … for update`), one helper per row kind. Each demands a Transaction by
 * type: a lock outside one would be released at once and protect nothing. Whoever holds a
 * chat's lock is the only writer of its seq, membership and settings until the commit.
 */

/** The chat row, locked; undefined when there is no such chat. */
export function lockChat(trx: Transaction<Database>, chatId: string): Promise<Chat | undefined> {
  return trx.selectFrom('chats').selectAll().where('id', '=', chatId).forUpdate().executeTakeFirst();
}

/** The user row, locked (their uploads' quota, their presence, deleting the account). */
export function lockUser(trx: Transaction<Database>, userId: string): Promise<User | undefined> {
  return trx.selectFrom('users').selectAll().where('id', '=', userId).forUpdate().executeTakeFirst();
}

/** The poll row, locked while a vote replaces the voter's choices. */
export async function lockPoll(trx: Transaction<Database>, pollId: string): Promise<void> {
  await trx.selectFrom('polls').select('id').where('id', '=', pollId).forUpdate().execute();
}

/** The invitation row, locked while it is accepted or declined. */
export function lockInvitation(trx: Transaction<Database>, invitationId: string): Promise<GroupInvitation | undefined> {
  return trx.selectFrom('groupInvitations').selectAll().where('id', '=', invitationId).forUpdate().executeTakeFirst();
}

/** Event streams of these users, locked in id order so that concurrent writers never deadlock. */
export async function lockStreams(trx: Transaction<Database>, userIds: readonly string[]): Promise<void> {
  // One array parameter, not one per member: a 1,000-member group's lock was 1,000 query nodes
  // for Kysely to build and compile and 1,000 parameters for pg to send, per batch.
  await trx
    .selectFrom('userStreams')
    .select('userId')
    .where(sql<boolean>`user_id = any(${[...userIds].sort()}::text[])`)
    .orderBy('userId')
    .forUpdate()
    .execute();
}
