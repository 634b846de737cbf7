import type { z } from 'zod';
import type { AuthedContext } from '../trpc.js';
import { changeCall } from './call-change.js';
import { toCallView } from './call-view.js';
import { isGroupChat } from './calls.repo.js';
import { announceCall, finishCall } from './finish-call.js';
import { lockMyCall, type callIdInput } from './load-call.js';

/**
 * Hangs up. A 1:1 call ends for both (before an answer it is missed on the other side); in a
 * group the user leaves, and the call ends when the last one in it leaves. Ending an ended call
 * is a no-op, so a retry or a second device is harmless.
 */
export async function endCall(ctx: AuthedContext, input: z.infer<typeof callIdInput>) {
  const userId = ctx.user.id;
  return changeCall(ctx.deps, async (change) => {
    const { trx, now } = change;
    const { call, me, participants } = await lockMyCall(trx, input.callId, userId);
    const group = await isGroupChat(trx, call.chatId);
    if (call.state === 'ended') return toCallView(call, participants, group);
    if (!group) {
      if (me.state === 'ringing') {
        await trx.updateTable('callParticipants').set({ state: 'declined' }).where('callId', '=', call.id).where('userId', '=', userId).execute();
        return finishCall(change, call, 'declined');
      }
      return finishCall(change, call, call.state === 'ringing' ? 'cancelled' : 'completed');
    }
    const left = me.state === 'joined' ? 'left' : me.state === 'ringing' ? 'declined' : me.state;
    await trx.updateTable('callParticipants').set({ state: left, leftAt: me.state === 'joined' ? now : me.leftAt }).where('callId', '=', call.id).where('userId', '=', userId).execute();
    const stillIn = participants.filter((p) => p.state === 'joined' && p.userId !== userId);
    if (stillIn.length === 0) return finishCall(change, call, call.answeredAt ? 'completed' : 'cancelled');
    return announceCall(change, call);
  });
}
