import { z } from 'zod';
import type { AuthedContext } from '../trpc.js';
import { toCallView } from './call-view.js';

export const historyInput = z
  .object({
    /** Calls started before this time (the last page's oldest `startedAt`). */
    before: z.iso.datetime().optional(),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .strict()
  .default({ limit: 50 });

export type CallHistoryOutcome = 'completed' | 'missed' | 'declined' | 'busy' | 'no_answer' | 'cancelled';

/** The user's past calls, newest first, each as they lived it: in or out, answered or missed, how long. */
export async function callHistory(ctx: AuthedContext, input: z.infer<typeof historyInput>) {
  const { db } = ctx.deps;
  const me = ctx.user.id;
  let query = db
    .selectFrom('callParticipants as p')
    .innerJoin('calls as c', 'c.id', 'p.callId')
    .innerJoin('chats as chat', 'chat.id', 'c.chatId')
    .selectAll('c')
    .select(['p.state as myState', 'p.joinedAt as myJoinedAt', 'chat.kind as chatKind'])
    .where('p.userId', '=', me)
    .where('p.state', '<>', 'blocked')
    .where('c.state', '=', 'ended')
    .orderBy('c.startedAt', 'desc')
    .orderBy('c.id', 'desc')
    .limit(input.limit + 1);
  if (input.before) query = query.where('c.startedAt', '<', new Date(input.before));
  const rows = await query.execute();
  const page = rows.slice(0, input.limit);
  const callIds = page.map((r) => r.id);
  const parties = callIds.length > 0 ? await db.selectFrom('callParticipants').selectAll().where('callId', 'in', callIds).execute() : [];

  const calls = page.map(({ myState, myJoinedAt, chatKind, ...call }) => {
    const own = parties.filter((p) => p.callId === call.id);
    const outgoing = call.callerId === me;
    const answered = call.answeredAt !== null && myJoinedAt !== null;
    const outcome: CallHistoryOutcome = answered
      ? 'completed'
      : outgoing
        ? ({ declined: 'declined', busy: 'busy', missed: 'no_answer' } as const)[call.endReason as 'declined' | 'busy' | 'missed'] ?? 'cancelled'
        : myState === 'declined'
          ? 'declined'
          : 'missed';
    const durationSeconds = answered && call.endedAt ? Math.round((new Date(call.endedAt).getTime() - new Date(call.answeredAt!).getTime()) / 1000) : 0;
    // The people on the other end: a 1:1 chat's other member; in a group, who was in the call.
    const peerIds = own.filter((p) => p.userId !== me && p.state !== 'blocked' && (chatKind === 'direct' || p.joinedAt !== null)).map((p) => p.userId);
    return { ...toCallView(call, own, chatKind === 'group'), direction: outgoing ? ('outgoing' as const) : ('incoming' as const), outcome, durationSeconds, peerIds };
  });
  return { calls, hasMore: rows.length > input.limit };
}
