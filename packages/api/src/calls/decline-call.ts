import type { z } from 'zod';
import { fail } from '../errors.js';
import type { AuthedContext } from '../trpc.js';
import { changeCall } from './call-change.js';
import { isGroupChat } from './calls.repo.js';
import { announceCall, finishCall } from './finish-call.js';
import { lockMyCall, type callIdInput } from './load-call.js';
import { toCallView } from './call-view.js';

/**
 * Refuses a ringing call on every device of the user. A 1:1 call ends there; in a group the
 * others carry on, and the decliner may still join from the chat while it lasts.
 */
export async function declineCall(ctx: AuthedContext, input: z.infer<typeof callIdInput>) {
  const userId = ctx.user.id;
  return changeCall(ctx.deps, async (change) => {
    const { trx } = change;
    const { call, me, participants } = await lockMyCall(trx, input.callId, userId);
    const group = await isGroupChat(trx, call.chatId);
    // Another device already declined, or the caller gave up: nothing is left to refuse.
    if (call.state === 'ended') return toCallView(call, participants, group);
    if (me.state !== 'ringing') throw fail.conflict('This call is not ringing for you');
    await trx.updateTable('callParticipants').set({ state: 'declined' }).where('callId', '=', call.id).where('userId', '=', userId).execute();
    if (!group) return finishCall(change, call, 'declined');
    return announceCall(change, call);
  });
}
