import type { Call, CallEndReason, CallParticipant } from '@confab/db';
import type { CallChange } from './call-change.js';
import { postCallMessage } from './call-message.js';
import { toCallView, type CallView } from './call-view.js';
import { isGroupChat, participantsOf } from './calls.repo.js';
import { lateMemberIds } from './late-joiners.js';
import { leaveTraceForQuietCallee } from './unaccepted-callers.js';
import { notifyMissedCall } from '../notifications/call-notifications.js';

/** Who hears about a call: every party except one whose call was blocked. */
export function audienceOf(participants: readonly { userId: string; state: string }[]): string[] {
  return participants.filter((p) => p.state !== 'blocked').map((p) => p.userId);
}

/** The parties, and in a group also its members who are not parties yet: their join banner follows the call. */
async function audienceOfCall(change: CallChange, call: Call, participants: readonly CallParticipant[], group: boolean): Promise<string[]> {
  return [...audienceOf(participants), ...(group ? await lateMemberIds(change.trx, call, participants) : [])];
}

/** The call's current state, sent to its parties as `call.updated`. */
export async function announceCall(change: CallChange, call: Call): Promise<CallView> {
  const participants = await participantsOf(change.trx, call.id);
  const group = await isGroupChat(change.trx, call.chatId);
  const view = toCallView(call, participants, group);
  change.notify(await audienceOfCall(change, call, participants, group), { type: 'call.updated', call: view });
  return view;
}

/**
 * Ends a call for everyone: whoever still rings missed it, whoever is in it leaves; the chat gets
 * the call's line (unless the only other party had blocked the call — a stranger's call to someone
 * who takes messages only from contacts leaves it in their message request); every device hears
 * `call.ended`.
 */
export async function finishCall(change: CallChange, call: Call, reason: CallEndReason): Promise<CallView> {
  const { trx, now } = change;
  const ended = await trx
    .updateTable('calls')
    .set({ state: 'ended', endReason: reason, endedAt: now })
    .where('id', '=', call.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const missed = await markRingingMissed(change, call.id);
  await trx.updateTable('callParticipants').set({ state: 'left', leftAt: now }).where('callId', '=', call.id).where('state', '=', 'joined').execute();
  const participants = await participantsOf(trx, call.id);
  const group = await isGroupChat(trx, call.chatId);
  const reached = participants.some((p) => p.userId !== call.callerId && p.state !== 'blocked');
  if (reached || (!group && (await leaveTraceForQuietCallee(change, ended, participants)))) await postCallMessage(change, ended, group);
  // A callee who was busy on another call never saw this one ring: it is missed for them too.
  const busy = reason === 'busy' ? participants.filter((p) => p.state === 'busy').map((p) => p.userId) : [];
  await notifyMissedCall(trx, change.emit, ended, [...missed, ...busy], group, now);
  const view = toCallView(ended, participants, group);
  change.notify(await audienceOfCall(change, ended, participants, group), { type: 'call.ended', call: view });
  return view;
}

/** Whoever still rings has missed the call; returns who they are. */
export async function markRingingMissed(change: CallChange, callId: string): Promise<string[]> {
  const rows = await change.trx.updateTable('callParticipants').set({ state: 'missed' }).where('callId', '=', callId).where('state', '=', 'ringing').returning('userId').execute();
  return rows.map((r) => r.userId);
}
