import { z } from 'zod';
import { chatAudience } from '../chats/membership.js';
import { fail } from '../errors.js';
import { transact } from '../lib/transact.js';
import { notifyAboutReaction } from '../notifications/message-notifications.js';
import type { AuthedContext } from '../trpc.js';
import { loadVisibleMessage } from './load-visible-message.js';
import { id } from '../lib/schemas.js';

/** One emoji (a grapheme cluster, possibly with modifiers), or null to take the reaction back. */
const emoji = z
  .string()
  .min(1)
  .max(32)
  // Length first: zod runs the refinement even after .max fails, and each segment V8 makes
  // carries a copy of the whole input, so segmenting a long string exhausts the heap.
  .refine(
    (value) => value.length <= 32 && [...new Intl.Segmenter().segment(value)].length === 1 && /\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(value),
    'React with a single emoji',
  );

export const reactInput = z.object({ messageId: id, emoji: emoji.nullable() }).strict();

/** One reaction per user per message; reacting again replaces it. */
export async function react(ctx: AuthedContext, input: z.infer<typeof reactInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  const now = deps.clock.now();
  const { message, member } = await loadVisibleMessage(deps.db, input.messageId, me, now);
  if (member.leftSeq !== null) throw fail.forbidden('You are no longer a member of this chat');
  if (message.deletedAt) throw fail.badRequest('A deleted message cannot get reactions');

  await transact(deps, async (trx, emit) => {
    if (input.emoji === null) {
      await trx.deleteFrom('reactions').where('messageId', '=', message.id).where('userId', '=', me).execute();
    } else {
      await trx
        .insertInto('reactions')
        .values({ messageId: message.id, userId: me, emoji: input.emoji, createdAt: now })
        .onConflict((oc) => oc.columns(['messageId', 'userId']).doUpdateSet({ emoji: input.emoji!, createdAt: now }))
        .execute();
    }
    emit(await chatAudience(trx, message.chatId), { type: 'reaction', chatId: message.chatId, messageId: message.id, userId: me, emoji: input.emoji });
    await notifyAboutReaction(trx, emit, message, me, input.emoji, now);
  });
  return { ok: true as const };
}
