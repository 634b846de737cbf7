import { z } from 'zod';
import type { AuthedContext } from '../trpc.js';
import { deleteContact } from './contacts.repo.js';
import { id } from '../lib/schemas.js';

export const removeContactInput = z.object({ userId: id }).strict();

/** Idempotent: removing someone who is not a contact changes nothing. */
export async function removeContact(ctx: AuthedContext, input: z.infer<typeof removeContactInput>) {
  const removed = await deleteContact(ctx.deps.db, ctx.user.id, input.userId);
  return { removed };
}
