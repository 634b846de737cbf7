import type { Call, CallParticipant, Database } from '@confab/db';
import type { Kysely, Transaction } from 'kysely';

/** The call row, locked: every change of a call's state runs under it, one at a time. */
export function lockCall(trx: Transaction<Database>, callId: string): Promise<Call | undefined> {
  return trx.selectFrom('calls').selectAll().where('id', '=', callId).forUpdate().executeTakeFirst();
}

export function participantsOf(db: Kysely<Database>, callId: string): Promise<CallParticipant[]> {
  return db.selectFrom('callParticipants').selectAll().where('callId', '=', callId).orderBy('joinedAt').orderBy('userId').execute();
}

export async function isGroupChat(db: Kysely<Database>, chatId: string): Promise<boolean> {
  const chat = await db.selectFrom('chats').select('kind').where('id', '=', chatId).executeTakeFirst();
  return chat?.kind === 'group';
}

/** The chat's call that is not over yet, if any (there is at most one). */
export function openCallInChat(db: Kysely<Database>, chatId: string): Promise<Call | undefined> {
  return db.selectFrom('calls').selectAll().where('chatId', '=', chatId).where('state', '<>', 'ended').executeTakeFirst();
}

/** Which of these users are in a call that is still going on (other than `exceptCallId`). */
export async function usersInCall(db: Kysely<Database>, userIds: readonly string[], exceptCallId?: string): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  let query = db
    .selectFrom('callParticipants as p')
    .innerJoin('calls as c', 'c.id', 'p.callId')
    .select('p.userId')
    .where('p.userId', 'in', userIds)
    .where('p.state', '=', 'joined')
    .where('c.state', '<>', 'ended');
  if (exceptCallId) query = query.where('c.id', '<>', exceptCallId);
  const rows = await query.execute();
  return new Set(rows.map((r) => r.userId));
}

/** Open calls with something due: a ring past its time, or a device silent past its limit. */
export async function callsDue(db: Kysely<Database>, ringDeadline: Date, silenceDeadline: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('callParticipants as p')
    .innerJoin('calls as c', 'c.id', 'p.callId')
    .select('c.id')
    .distinct()
    .where('c.state', '<>', 'ended')
    .where((eb) =>
      eb.or([
        eb.and([eb('p.state', '=', 'ringing'), eb('c.startedAt', '<=', ringDeadline)]),
        eb.and([eb('p.state', '=', 'joined'), eb('p.lastSeenAt', '<=', silenceDeadline)]),
      ]),
    )
    .execute();
  return rows.map((r) => r.id);
}
