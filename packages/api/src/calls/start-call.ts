import { z } from 'zod';
import { blockedEitherWay } from '../chats/blocks.repo.js';
import { activeMemberIds, loadActiveMembership } from '../chats/membership.js';
import { fail } from '../errors.js';
import { newId } from '../lib/ids.js';
import { lockChat } from '../lib/locks.js';
import { id } from '../lib/schemas.js';
import type { AuthedContext } from '../trpc.js';
import { changeCall } from './call-change.js';
import { openCallInChat, usersInCall } from './calls.repo.js';
import { announceCall, finishCall } from './finish-call.js';
import { calleesWhoHaveNotAccepted } from './unaccepted-callers.js';

export const startCallInput = z.object({ chatId: id, video: z.boolean() }).strict();

/**
 * Rings every other member of the chat on all their devices. The caller is in the call at once,
 * on this device. A 1:1 callee already in a call makes it end as busy; someone who blocked the
 * caller (or was blocked) is never rung and never learns of it; nor is a callee who takes
 * messages only from contacts and has not accepted this stranger (message requests are quiet).
 */
export async function startCall(ctx: AuthedContext, input: z.infer<typeof startCallInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  const { chat } = await loadActiveMembership(deps.db, input.chatId, me);
  const call = await changeCall(deps, async (change) => {
    const { trx, now } = change;
    // One start per chat at a time: two people calling each other at once get one call.
    await lockChat(trx, chat.id);
    if (await openCallInChat(trx, chat.id)) throw fail.conflict('A call is already going on in this chat');
    if ((await usersInCall(trx, [me])).size > 0) throw fail.conflict('You are already in a call');
    const others = (await activeMemberIds(trx, chat.id)).filter((userId) => userId !== me);
    if (others.length === 0) throw fail.badRequest('There is nobody to call in this chat');
    const blocked = await blockedEitherWay(trx, me, others);
    if (chat.kind === 'direct') for (const userId of await calleesWhoHaveNotAccepted(trx, chat.id, me, others)) blocked.add(userId);
    const busy = chat.kind === 'direct' ? await usersInCall(trx, others) : new Set<string>();

    const callId = newId();
    const row = await trx
      .insertInto('calls')
      .values({ id: callId, chatId: chat.id, callerId: me, video: input.video, state: 'ringing', endReason: null, startedAt: now, answeredAt: null, endedAt: null })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('callParticipants')
      .values([
        { callId, userId: me, state: 'joined', sessionId: ctx.user.sessionId, joinedAt: now, leftAt: null, lastSeenAt: now },
        ...others.map((userId) => ({
          callId,
          userId,
          state: blocked.has(userId) ? ('blocked' as const) : busy.has(userId) ? ('busy' as const) : ('ringing' as const),
          sessionId: null,
          joinedAt: null,
          leftAt: null,
          lastSeenAt: null,
        })),
      ])
      .execute();
    if (busy.size > 0) return finishCall(change, row, 'busy');
    return announceCall(change, row);
  });
  return { callId: call.id, call };
}
