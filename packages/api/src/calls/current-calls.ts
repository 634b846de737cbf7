import type { AuthedContext } from '../trpc.js';
import { toCallView } from './call-view.js';
import { openCallsForLateMember } from './late-joiners.js';

/**
 * Calls not over yet that the user is a party to: what rings now, the call they are in, and
 * group calls they may join — also one that began before they joined the group. A device that
 * starts (or reconnects) shows these; live changes then come as `call.*` events.
 */
export async function currentCalls(ctx: AuthedContext) {
  const { db } = ctx.deps;
  const rows = await db
    .selectFrom('callParticipants as p')
    .innerJoin('calls as c', 'c.id', 'p.callId')
    .innerJoin('chats as chat', 'chat.id', 'c.chatId')
    .selectAll('c')
    .select('chat.kind as chatKind')
    .where('p.userId', '=', ctx.user.id)
    .where('p.state', '<>', 'blocked')
    .where('c.state', '<>', 'ended')
    .execute();
  const late = (await openCallsForLateMember(db, ctx.user.id)).map((call) => ({ ...call, chatKind: 'group' as const }));
  const all = [...rows, ...late].sort((a, b) => new Date(b.startedAt).getTime() - new Date(a.startedAt).getTime());
  const callIds = all.map((r) => r.id);
  const parties = callIds.length > 0 ? await db.selectFrom('callParticipants').selectAll().where('callId', 'in', callIds).execute() : [];
  return {
    calls: all.map(({ chatKind, ...call }) =>
      toCallView(
        call,
        parties.filter((p) => p.callId === call.id),
        chatKind === 'group',
      ),
    ),
  };
}
