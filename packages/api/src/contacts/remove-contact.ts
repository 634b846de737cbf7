import { z } from 'zod';
import type { AuthedContext } from '../trpc.js';
import { deleteContact } from './contacts.repo.js';

export const removeContactInput = z.object({ userId: z.string().min(1).max(64) }).strict();

/** Idempotent: removing someone who is not a contact changes nothing. */
export async function removeContact(ctx: AuthedContext, input: z.infer<typeof removeContactInput>) {
  const removed = await deleteContact(ctx.deps.db, ctx.user.id, input.userId);
  return { removed };
}
