import { z } from 'zod';
import { fail } from '../errors.js';
import { transact } from '../lib/transact.js';
import type { AuthedContext } from '../trpc.js';
import { displayText } from '../users/display-text.js';
import { toMeView } from './me-view.js';
import { emitProfileChanged } from './profile-events.js';

export const MAX_NAME = 64;
export const MAX_ABOUT = 140;

export const updateProfileInput = z
  .object({
    name: displayText('Your name', MAX_NAME).optional(),
    /** May be emptied. */
    about: displayText('About', MAX_ABOUT, { min: 0 }).optional(),
  })
  .strict();

export async function updateProfile(ctx: AuthedContext, input: z.infer<typeof updateProfileInput>) {
  const me = ctx.user.id;
  const user = await transact(ctx.deps, async (trx, emit) => {
    const changes = { ...(input.name !== undefined ? { name: input.name } : {}), ...(input.about !== undefined ? { about: input.about } : {}) };
    // Nothing to change (`{}`) answers the profile as it is: an UPDATE with no columns is not SQL.
    const changed = Object.keys(changes).length > 0;
    const updated = changed
      ? await trx.updateTable('users').set(changes).where('id', '=', me).where('deletedAt', 'is', null).returningAll().executeTakeFirst()
      : await trx.selectFrom('users').selectAll().where('id', '=', me).where('deletedAt', 'is', null).executeTakeFirst();
    if (!updated) throw fail.notFound('User');
    if (changed) await emitProfileChanged(trx, emit, updated);
    return updated;
  });
  return toMeView(user);
}
