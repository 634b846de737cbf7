import { z } from 'zod';
import { chatAudience } from '../chats/membership.js';
import { fail } from '../errors.js';
import { transact } from '../lib/transact.js';
import type { AuthedContext } from '../trpc.js';
import { loadVisiblePoll, pollResults } from './polls.repo.js';
import { lockPoll } from '../lib/locks.js';
import { id } from '../lib/schemas.js';

export const voteInput = z
  .object({
    pollId: id,
    /** The caller's whole choice: it replaces their previous vote; [] takes the vote back. */
    optionIds: z
      .array(id)
      .max(12)
      .transform((ids) => [...new Set(ids)]),
  })
  .strict();

/**
 * Replaces the caller's vote. Votes on one poll are taken one at a time under the poll row's
 * lock, so the results each vote sends to every member (`poll.updated`) count every vote
 * committed before it, and the last event always shows the final counts.
 */
export async function vote(ctx: AuthedContext, input: z.infer<typeof voteInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  const { poll, active, chatDeleted } = await loadVisiblePoll(deps.db, input.pollId, me, deps.clock.now());
  if (!active) throw fail.forbidden('You are no longer a member of this chat');
  if (chatDeleted) throw fail.forbidden('This group was deleted');
  if (!poll.multipleAnswers && input.optionIds.length > 1) throw fail.badRequest('This poll takes one answer');

  return transact(deps, async (trx, emit) => {
    await lockPoll(trx, poll.id);
    const stillMember = await trx.selectFrom('chatMembers').select('userId').where('chatId', '=', poll.chatId).where('userId', '=', me).where('leftSeq', 'is', null).executeTakeFirst();
    if (!stillMember) throw fail.forbidden('You are no longer a member of this chat');
    if (input.optionIds.length > 0) {
      const known = await trx.selectFrom('pollOptions').select('id').where('pollId', '=', poll.id).where('id', 'in', input.optionIds).execute();
      if (known.length !== input.optionIds.length) throw fail.badRequest('Pick options of this poll');
    }

    await trx.deleteFrom('pollVotes').where('pollId', '=', poll.id).where('userId', '=', me).execute();
    if (input.optionIds.length > 0) {
      const now = deps.clock.now();
      await trx.insertInto('pollVotes').values(input.optionIds.map((optionId) => ({ pollId: poll.id, optionId, userId: me, createdAt: now }))).execute();
    }
    const results = await pollResults(trx, poll);
    emit(await chatAudience(trx, poll.chatId), { type: 'poll.updated', pollId: poll.id, chatId: poll.chatId, results });
    return results;
  });
}
