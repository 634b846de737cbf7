import type { Deps } from '../deps.js';
import { changeCall } from './call-change.js';
import { RING_TIMEOUT_MS, SILENCE_TIMEOUT_MS } from './call-limits.js';
import { callsDue, isGroupChat, lockCall } from './calls.repo.js';
import { announceCall, finishCall, markRingingMissed } from './finish-call.js';
import { notifyMissedCall } from '../notifications/call-notifications.js';

/**
 * The server's clock on calls: a ring unanswered for RING_TIMEOUT_MS is missed, and a device in
 * a call silent for SILENCE_TIMEOUT_MS (no signal, no keep-alive) has dropped. A 1:1 call ends
 * with either; a group call ends when nobody is left in it. Safe in several processes at once:
 * each call is re-read under its lock. Returns how many calls changed.
 */
export async function sweepCalls(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const ringDeadline = new Date(now.getTime() - RING_TIMEOUT_MS);
  const silenceDeadline = new Date(now.getTime() - SILENCE_TIMEOUT_MS);
  let changed = 0;
  for (const callId of await callsDue(deps.db, ringDeadline, silenceDeadline)) {
    const did = await changeCall(deps, async (change) => {
      const { trx } = change;
      const call = await lockCall(trx, callId);
      if (!call || call.state === 'ended') return false;
      const parties = await trx.selectFrom('callParticipants').selectAll().where('callId', '=', callId).execute();
      const ringOver = new Date(call.startedAt) <= ringDeadline;
      const silent = parties.filter((p) => p.state === 'joined' && p.lastSeenAt !== null && new Date(p.lastSeenAt) <= silenceDeadline);
      const ringing = parties.filter((p) => p.state === 'ringing');
      if (!(await isGroupChat(trx, call.chatId))) {
        if (call.state === 'ringing' && ringOver) await finishCall(change, call, 'missed');
        else if (silent.length > 0) await finishCall(change, call, call.answeredAt ? 'dropped' : 'cancelled');
        else return false;
        return true;
      }
      if (ringOver && ringing.length > 0) await notifyMissedCall(trx, change.emit, call, await markRingingMissed(change, callId), true, change.now);
      for (const p of silent) await trx.updateTable('callParticipants').set({ state: 'left', leftAt: change.now }).where('callId', '=', callId).where('userId', '=', p.userId).execute();
      const stillIn = parties.filter((p) => p.state === 'joined' && !silent.includes(p));
      if (stillIn.length === 0) await finishCall(change, call, call.answeredAt ? 'dropped' : 'missed');
      else await announceCall(change, call);
      return true;
    });
    if (did) changed += 1;
  }
  return changed;
}
