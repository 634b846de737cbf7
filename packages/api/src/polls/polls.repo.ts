import type { Database, Poll } from '@confab/db';
import type { Kysely } from 'kysely';
import { fail } from '../errors.js';
import { loadVisibleMessage } from '../messages/load-visible-message.js';
import type { PollResults } from './poll-view.js';

/**
 * A poll whose message the caller can see (and that was not deleted for everyone), else
 * NOT_FOUND. `active` says whether the caller is still a member of its chat.
 */
export async function loadVisiblePoll(db: Kysely<Database>, pollId: string, userId: string, now: Date): Promise<{ poll: Poll; active: boolean; chatDeleted: boolean }> {
  const poll = await db.selectFrom('polls').selectAll().where('id', '=', pollId).executeTakeFirst();
  if (!poll) throw fail.notFound('Poll');
  const { message, member, chat } = await loadVisibleMessage(db, poll.messageId, userId, now).catch(() => {
    throw fail.notFound('Poll');
  });
  if (message.deletedAt !== null) throw fail.notFound('Poll');
  return { poll, active: member.leftSeq === null, chatDeleted: chat.deletedAt !== null };
}

/** Counts and voters per option, in option order; voters in the order they voted. */
export async function pollResults(db: Kysely<Database>, poll: Poll): Promise<PollResults> {
  const rows = await db
    .selectFrom('pollOptions as o')
    .leftJoin('pollVotes as v', 'v.optionId', 'o.id')
    .select(['o.id', 'o.text', 'v.userId'])
    .where('o.pollId', '=', poll.id)
    .orderBy('o.position')
    .orderBy('v.castOrder')
    .execute();
  const options = new Map<string, { id: string; text: string; votes: number; voterIds: string[] }>();
  const voters = new Set<string>();
  for (const row of rows) {
    const option = options.get(row.id) ?? { id: row.id, text: row.text, votes: 0, voterIds: [] };
    options.set(row.id, option);
    if (row.userId !== null) {
      option.voterIds.push(row.userId);
      option.votes += 1;
      voters.add(row.userId);
    }
  }
  return {
    pollId: poll.id,
    chatId: poll.chatId,
    messageId: poll.messageId,
    question: poll.question,
    multipleAnswers: poll.multipleAnswers,
    options: [...options.values()],
    totalVoters: voters.size,
  };
}
