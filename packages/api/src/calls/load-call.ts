import type { Call, CallParticipant, Database } from '@confab/db';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { fail } from '../errors.js';
import { id } from '../lib/schemas.js';
import { lockCall } from './calls.repo.js';

export const callIdInput = z.object({ callId: id }).strict();

export interface MyCall {
  call: Call;
  me: CallParticipant;
  participants: CallParticipant[];
}

/**
 * The call, locked, with the caller's part in it. Anyone who is not a party — and a party whose
 * call was blocked — gets NOT_FOUND, so they cannot learn the call exists.
 */
export async function lockMyCall(trx: Transaction<Database>, callId: string, userId: string): Promise<MyCall> {
  const call = await lockCall(trx, callId);
  if (!call) throw fail.notFound('Call');
  const participants = await trx.selectFrom('callParticipants').selectAll().where('callId', '=', callId).execute();
  const me = participants.find((p) => p.userId === userId);
  if (!me || me.state === 'blocked') throw fail.notFound('Call');
  return { call, me, participants };
}

export function assertNotEnded(call: Call): void {
  if (call.state === 'ended') throw fail.conflict('This call has ended');
}

/**
 * For signalling and keep-alives (no lock: they change no state): the call, its parties, and a
 * check that the caller is in it on this very device.
 */
export async function loadCallIn(db: Kysely<Database>, callId: string, userId: string, sessionId: string): Promise<{ call: Call; participants: CallParticipant[] }> {
  const call = await db.selectFrom('calls').selectAll().where('id', '=', callId).executeTakeFirst();
  const participants = call ? await db.selectFrom('callParticipants').selectAll().where('callId', '=', call.id).execute() : [];
  const mine = participants.find((p) => p.userId === userId);
  if (!call || !mine || mine.state === 'blocked') throw fail.notFound('Call');
  assertNotEnded(call);
  if (mine.state !== 'joined' || mine.sessionId !== sessionId) throw fail.conflict('You are not in this call on this device');
  return { call, participants };
}

export async function markSeen(db: Kysely<Database>, callId: string, userId: string, now: Date): Promise<void> {
  await db.updateTable('callParticipants').set({ lastSeenAt: now }).where('callId', '=', callId).where('userId', '=', userId).execute();
}
