import { z } from 'zod';
import { transactContactChange } from './contact-change.js';
import type { AuthedContext } from '../trpc.js';
import { deleteContact } from './contacts.repo.js';
import { id } from '../lib/schemas.js';

export const removeContactInput = z.object({ userId: id }).strict();

/** Idempotent: removing someone who is not a contact changes nothing. */
export async function removeContact(ctx: AuthedContext, input: z.infer<typeof removeContactInput>) {
  const me = ctx.user.id;
  return transactContactChange(ctx.deps, [{ owner: me, viewer: input.userId }], async (trx, emit) => {
    const removed = await deleteContact(trx, me, input.userId);
    if (removed) emit([me], { type: 'contact.removed', userId: input.userId });
    return { removed };
  });
}
