import type { Call, CallParticipant, Database } from '@confab/db';
import type { Kysely, Transaction } from 'kysely';
import { blockedEitherWay } from '../chats/blocks.repo.js';
import { lockCall } from './calls.repo.js';

/**
 * A group's call is open to every current member while it lasts, not only to those rung when it
 * began: someone added to the group mid-call sees its banner and may join (as in WhatsApp). They
 * have no participant row until they join. A member blocked with the caller stays out, as at
 * the start (start-call.ts), so they never learn of it.
 */

/** Current members of the call's group who are not parties to it yet and may join. */
export async function lateMemberIds(db: Kysely<Database>, call: Call, participants: readonly CallParticipant[]): Promise<string[]> {
  const parties = new Set(participants.map((p) => p.userId));
  const rows = await db
    .selectFrom('chatMembers as m')
    .innerJoin('chats as c', 'c.id', 'm.chatId')
    .select('m.userId')
    .where('m.chatId', '=', call.chatId)
    .where('c.kind', '=', 'group')
    .where('m.leftSeq', 'is', null)
    .execute();
  const late = rows.map((r) => r.userId).filter((userId) => !parties.has(userId));
  const blocked = await blockedEitherWay(db, call.callerId, late);
  return late.filter((userId) => !blocked.has(userId));
}

/**
 * Before a join: makes a late member of the group a party to its open call (the join then
 * proceeds as for anyone rung). Does nothing for existing parties, ended calls, 1:1 calls and
 * outsiders — those get the usual answer from lockMyCall. Runs in the joining transaction, so a
 * refused join leaves no row behind.
 */
export async function enrolLateMember(trx: Transaction<Database>, callId: string, userId: string): Promise<void> {
  const call = await lockCall(trx, callId);
  if (!call || call.state === 'ended') return;
  const participants = await trx.selectFrom('callParticipants').selectAll().where('callId', '=', callId).execute();
  if (participants.some((p) => p.userId === userId)) return;
  if (!(await lateMemberIds(trx, call, participants)).includes(userId)) return;
  // 'missed' until the join below turns it into 'joined': they were never rung for it.
  await trx.insertInto('callParticipants').values({ callId, userId, state: 'missed', sessionId: null, joinedAt: null, leftAt: null, lastSeenAt: null }).execute();
}

/** Open group calls in the user's groups that they are not a party to yet (their chats' join banners). */
export async function openCallsForLateMember(db: Kysely<Database>, userId: string): Promise<Call[]> {
  const calls = await db
    .selectFrom('calls as c')
    .innerJoin('chatMembers as m', 'm.chatId', 'c.chatId')
    .innerJoin('chats as chat', 'chat.id', 'c.chatId')
    .selectAll('c')
    .where('m.userId', '=', userId)
    .where('m.leftSeq', 'is', null)
    .where('chat.kind', '=', 'group')
    .where('c.state', '<>', 'ended')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('callParticipants as p').select('p.userId').whereRef('p.callId', '=', 'c.id').where('p.userId', '=', userId))))
    .execute();
  const open: Call[] = [];
  for (const call of calls) if (!(await blockedEitherWay(db, call.callerId, [userId])).has(userId)) open.push(call);
  return open;
}
