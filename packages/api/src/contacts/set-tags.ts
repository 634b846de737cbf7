import { z } from 'zod';
import { fail } from '../errors.js';
import { labelList } from '../labels/label-schema.js';
import { id } from '../lib/schemas.js';
import { transact } from '../lib/transact.js';
import type { AuthedContext } from '../trpc.js';
import { withVisibleUser } from '../users/profile-privacy.js';
import { toContactView } from './contact-view.js';
import { contactRows } from './contacts.repo.js';

export const setTagsInput = z.object({ userId: id, tags: labelList }).strict();

/** Replaces my personal labels on a contact; my other devices hear `contact.updated`. */
export async function setTags(ctx: AuthedContext, input: z.infer<typeof setTagsInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  return transact(deps, async (trx, emit) => {
    const updated = await trx.updateTable('contacts').set({ tags: JSON.stringify(input.tags) }).where('ownerId', '=', me).where('contactId', '=', input.userId).executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw fail.notFound('Contact');
    const [row] = await contactRows(trx, me, input.userId);
    if (!row) throw fail.notFound('Contact');
    const contact = await withVisibleUser(trx, me, toContactView(row));
    emit([me], { type: 'contact.updated', contact });
    return contact;
  });
}
