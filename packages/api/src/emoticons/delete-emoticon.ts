import { z } from 'zod';
import { fail } from '../errors.js';
import { id } from '../lib/schemas.js';
import { transact } from '../lib/transact.js';
import { markDetached } from '../media/media.repo.js';
import type { AuthedContext } from '../trpc.js';
import { emoticonsOf } from './emoticons.repo.js';
import { toEmoticonView } from './emoticon-view.js';
import { forgetEmoticonInMessages } from './message-emoticons.js';
import { forgetEmoticonInReactions } from './reaction-emoticons.js';

export const deleteEmoticonInput = z.object({ emoticonId: id }).strict();

export async function listEmoticons(ctx: AuthedContext) {
  return (await emoticonsOf(ctx.deps.db, ctx.user.id)).map(toEmoticonView);
}

/**
 * Deletes one of my emoticons. Messages and reactions that used it keep their `:shortcut:` text,
 * which is what everyone sees from now on: it leaves their `meta.emoticons` (and reactions their
 * emoticon), and `emoticon.deleted` goes to my devices and to the current members of every chat
 * holding such a message or reaction (forwarded copies included), so open chats show the text at once. Its image row is left to the
 * collector; stickers sent with it, and others' saved copies (their own rows), keep the bytes.
 */
export async function deleteEmoticon(ctx: AuthedContext, input: z.infer<typeof deleteEmoticonInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  return transact(deps, async (trx, emit) => {
    const reactionChats = await forgetEmoticonInReactions(trx, input.emoticonId, me);
    const row = await trx.deleteFrom('emoticons').where('id', '=', input.emoticonId).where('ownerId', '=', me).returningAll().executeTakeFirst();
    if (!row) throw fail.notFound('Emoticon');
    await markDetached(trx, [row.mediaId], deps.clock.now());
    const chatIds = [...new Set([...(await forgetEmoticonInMessages(trx, row.id, row.shortcut)), ...reactionChats])];
    const members =
      chatIds.length === 0
        ? []
        : await trx.selectFrom('chatMembers').select('userId').distinct().where('chatId', 'in', chatIds).where('leftSeq', 'is', null).execute();
    const recipients = [...new Set([me, ...members.map((m) => m.userId)])];
    emit(recipients, { type: 'emoticon.deleted', emoticonId: row.id, shortcut: row.shortcut });
    return { deleted: true };
  });
}
