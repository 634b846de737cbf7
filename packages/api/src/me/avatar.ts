import { z } from 'zod';
import { fail } from '../errors.js';
import { transact } from '../lib/transact.js';
import { loadOwnMedia } from '../media/media.repo.js';
import type { AuthedContext } from '../trpc.js';
import { toMeView } from './me-view.js';
import { emitProfileChanged } from './profile-events.js';
import { id } from '../lib/schemas.js';

export const setAvatarInput = z.object({ mediaId: id }).strict();

/** The photo must be an image the caller uploaded (POST /media); anyone signed in may then view it. */
export async function setAvatar(ctx: AuthedContext, input: z.infer<typeof setAvatarInput>) {
  const media = await loadOwnMedia(ctx.deps.db, input.mediaId, ctx.user.id);
  if (media.kind !== 'image') throw fail.badRequest('A profile photo must be an image');
  return changeAvatar(ctx, media.id);
}

export async function removeAvatar(ctx: AuthedContext) {
  return changeAvatar(ctx, null);
}

async function changeAvatar(ctx: AuthedContext, mediaId: string | null) {
  const user = await transact(ctx.deps, async (trx, emit) => {
    const updated = await trx
      .updateTable('users')
      .set({ avatarMediaId: mediaId })
      .where('id', '=', ctx.user.id)
      .where('deletedAt', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw fail.notFound('User');
    await emitProfileChanged(trx, emit, updated);
    return updated;
  });
  return toMeView(user);
}
