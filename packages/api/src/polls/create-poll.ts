import { z } from 'zod';
import { loadActiveMembership } from '../chats/membership.js';
import { fail } from '../errors.js';
import { newId } from '../lib/ids.js';
import { transact } from '../lib/transact.js';
import { insertMessage } from '../messages/insert-message.js';
import { toMessageView } from '../messages/message-view.js';
import { assertMayPost } from '../messages/post-rules.js';
import type { AuthedContext } from '../trpc.js';
import { pollResults } from './polls.repo.js';
import { id } from '../lib/schemas.js';

const optionText = z.string().trim().min(1, 'An option needs text').max(100, 'Keep options under 100 characters');

export const createPollInput = z
  .object({
    chatId: id,
    question: z.string().trim().min(1, 'A poll needs a question').max(300, 'Keep the question under 300 characters'),
    options: z.array(optionText).min(2, 'A poll needs at least 2 options').max(12, 'A poll has at most 12 options'),
    multipleAnswers: z.boolean().default(false),
    /** Makes the call idempotent, as for messages.send: a retry returns the first poll. */
    clientId: id.optional(),
  })
  .strict()
  .refine((p) => new Set(p.options.map((o) => o.toLowerCase())).size === p.options.length, { message: 'Options must differ', path: ['options'] });

/** Posts a poll as a message of kind 'poll' (meta.pollId, question, options) in a 1:1 or group chat. */
export async function createPoll(ctx: AuthedContext, input: z.infer<typeof createPollInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  const membership = await loadActiveMembership(deps.db, input.chatId, me);
  const { chat } = membership;
  await assertMayPost(deps.db, membership, me);

  const poll = await transact(deps, async (trx, emit) => {
    const now = deps.clock.now();
    const pollId = newId();
    const options = input.options.map((text, position) => ({ id: newId(), pollId, position, text }));
    const meta = { pollId, question: input.question, options: options.map(({ id, text }) => ({ id, text })), multipleAnswers: input.multipleAnswers };
    // The same path as messages.send: next seq under the chat lock, sender re-checked, members told.
    const { message, created } = await insertMessage(trx, emit, {
      chatId: chat.id,
      senderId: me,
      clientId: input.clientId ?? `poll:${pollId}`,
      content: { kind: 'poll', text: input.question, mediaId: null, meta },
      replyToId: null,
      now,
    });
    if (!created) {
      const earlier = await trx.selectFrom('polls').selectAll().where('messageId', '=', message.id).executeTakeFirst();
      if (!earlier) throw fail.conflict('That clientId was used for another message');
      return earlier;
    }
    const stored = await trx
      .insertInto('polls')
      .values({ id: pollId, chatId: chat.id, messageId: message.id, creatorId: me, question: input.question, multipleAnswers: input.multipleAnswers, createdAt: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.insertInto('pollOptions').values(options).execute();
    return stored;
  });

  const message = await deps.db.selectFrom('messages').selectAll().where('id', '=', poll.messageId).executeTakeFirstOrThrow();
  return { pollId: poll.id, message: toMessageView(message), results: await pollResults(deps.db, poll) };
}
