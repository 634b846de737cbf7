import { z } from 'zod';
import { fail } from '../errors.js';
import { id } from '../lib/schemas.js';
import { transact } from '../lib/transact.js';
import { markDetached } from '../media/media.repo.js';
import type { AuthedContext } from '../trpc.js';
import { emoticonsOf } from './emoticons.repo.js';
import { toEmoticonView } from './emoticon-view.js';

export const deleteEmoticonInput = z.object({ emoticonId: id }).strict();

export async function listEmoticons(ctx: AuthedContext) {
  return (await emoticonsOf(ctx.deps.db, ctx.user.id)).map(toEmoticonView);
}

/**
 * Deletes one of my emoticons. Messages that used it keep their `:shortcut:` text, which is
 * what everyone sees from now on (the image is no longer served; the collector removes it).
 */
export async function deleteEmoticon(ctx: AuthedContext, input: z.infer<typeof deleteEmoticonInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  return transact(deps, async (trx, emit) => {
    const row = await trx.deleteFrom('emoticons').where('id', '=', input.emoticonId).where('ownerId', '=', me).returningAll().executeTakeFirst();
    if (!row) throw fail.notFound('Emoticon');
    await markDetached(trx, [row.mediaId], deps.clock.now());
    emit([me], { type: 'emoticon.deleted', emoticonId: row.id, shortcut: row.shortcut });
    return { deleted: true };
  });
}
