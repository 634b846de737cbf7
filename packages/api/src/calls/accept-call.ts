import type { z } from 'zod';
import { fail } from '../errors.js';
import type { AuthedContext } from '../trpc.js';
import { changeCall } from './call-change.js';
import { MAX_CALL_PARTICIPANTS } from './call-limits.js';
import { usersInCall } from './calls.repo.js';
import { announceCall } from './finish-call.js';
import { enrolLateMember } from './late-joiners.js';
import { assertNotEnded, lockMyCall, type callIdInput } from './load-call.js';

/**
 * Answers (1:1) or joins (group) on this device. The answer reaches all the user's devices,
 * so the others stop ringing; a second device answering too is refused. Someone added to a group
 * after its call began joins it too (late-joiners.ts).
 */
export async function acceptCall(ctx: AuthedContext, input: z.infer<typeof callIdInput>) {
  const { deps } = ctx;
  const userId = ctx.user.id;
  return changeCall(deps, async (change) => {
    const { trx, now } = change;
    await enrolLateMember(trx, input.callId, userId);
    const { call, me, participants } = await lockMyCall(trx, input.callId, userId);
    assertNotEnded(call);
    if (me.state === 'joined') {
      if (me.sessionId === ctx.user.sessionId) return announceCall(change, call);
      throw fail.conflict('This call was answered on another device');
    }
    const chat = await trx.selectFrom('chats').select('kind').where('id', '=', call.chatId).executeTakeFirstOrThrow();
    if (chat.kind === 'direct' && me.state !== 'ringing') throw fail.conflict('This call has ended');
    const member = await trx.selectFrom('chatMembers').select('leftSeq').where('chatId', '=', call.chatId).where('userId', '=', userId).executeTakeFirst();
    if (!member || member.leftSeq !== null) throw fail.forbidden('You are no longer a member of this chat');
    if (participants.filter((p) => p.state === 'joined').length >= MAX_CALL_PARTICIPANTS) throw fail.conflict(`A call has at most ${MAX_CALL_PARTICIPANTS} people`);
    if ((await usersInCall(trx, [userId], call.id)).size > 0) throw fail.conflict('You are already in a call');

    await trx
      .updateTable('callParticipants')
      .set({ state: 'joined', sessionId: ctx.user.sessionId, joinedAt: now, leftAt: null, lastSeenAt: now })
      .where('callId', '=', call.id)
      .where('userId', '=', userId)
      .execute();
    const updated = await trx
      .updateTable('calls')
      .set({ state: 'active', answeredAt: call.answeredAt ?? now })
      .where('id', '=', call.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return announceCall(change, updated);
  });
}
