import { z } from 'zod';
import { chatAudience } from '../chats/membership.js';
import { fail } from '../errors.js';
import { transact } from '../lib/transact.js';
import { notifyAboutReaction } from '../notifications/message-notifications.js';
import type { AuthedContext } from '../trpc.js';
import { loadVisibleMessage } from './load-visible-message.js';
import { id } from '../lib/schemas.js';
import type { ReactionEmoticon } from './reaction-view.js';

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

/** `{messageId, emoji}` (null takes mine back) or `{messageId, emoticonId}` with one of my custom emoticons. */
export const reactInput = z
  .object({ messageId: id, emoji: emoji.nullable().optional(), emoticonId: id.optional() })
  .strict()
  .refine((input) => (input.emoji === undefined) !== (input.emoticonId === undefined), 'React with an emoji or with one of your emoticons');

/** One reaction per user per message; reacting again replaces it. */
export async function react(ctx: AuthedContext, input: z.infer<typeof reactInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  const now = deps.clock.now();
  const { message, member } = await loadVisibleMessage(deps.db, input.messageId, me, now);
  if (member.leftSeq !== null) throw fail.forbidden('You are no longer a member of this chat');
  if (message.deletedAt) throw fail.badRequest('A deleted message cannot get reactions');

  await transact(deps, async (trx, emit) => {
    let text: string | null = input.emoji ?? null;
    let emoticon: ReactionEmoticon | undefined;
    if (input.emoticonId !== undefined) {
      // Shared lock: deleting it waits for this reaction, then finds it and tells the chat.
      const row = await trx.selectFrom('emoticons').selectAll().where('id', '=', input.emoticonId).where('ownerId', '=', me).forShare().executeTakeFirst();
      if (!row) throw fail.badRequest('React with one of your own emoticons');
      emoticon = { emoticonId: row.id, shortcut: row.shortcut, mediaId: row.mediaId, animated: row.animated };
      text = `:${row.shortcut}:`;
    }
    if (text === null) {
      await trx.deleteFrom('reactions').where('messageId', '=', message.id).where('userId', '=', me).execute();
    } else {
      const chosen = { emoji: text, emoticonId: emoticon?.emoticonId ?? null, createdAt: now };
      await trx
        .insertInto('reactions')
        .values({ messageId: message.id, userId: me, ...chosen })
        .onConflict((oc) => oc.columns(['messageId', 'userId']).doUpdateSet(chosen))
        .execute();
    }
    emit(await chatAudience(trx, message.chatId), { type: 'reaction', chatId: message.chatId, messageId: message.id, userId: me, emoji: text, ...(emoticon ? { emoticon } : {}) });
    await notifyAboutReaction(trx, emit, message, me, text, now);
  });
  return { ok: true as const };
}
