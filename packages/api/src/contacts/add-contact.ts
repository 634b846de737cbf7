import { z } from 'zod';
import { fail } from '../errors.js';
import type { AuthedContext } from '../trpc.js';
import { displayText } from '../users/display-text.js';
import { loadLiveUser } from '../users/users.repo.js';
import { toContactView } from './contact-view.js';
import { contactRows, upsertContact } from './contacts.repo.js';
import { id } from '../lib/schemas.js';

export const addContactInput = z
  .object({
    userId: id,
    /** Omitted keeps the current alias; null clears it. */
    alias: displayText('An alias', 64).nullable().optional(),
  })
  .strict();

/** Adds someone to the caller's contacts (or renames them there). */
export async function addContact(ctx: AuthedContext, input: z.infer<typeof addContactInput>) {
  const { db, clock } = ctx.deps;
  const me = ctx.user.id;
  if (input.userId === me) throw fail.badRequest('You cannot add yourself as a contact');
  const user = await loadLiveUser(db, input.userId);
  await upsertContact(db, me, user.id, input.alias, clock.now());
  const [row] = await contactRows(db, me, user.id);
  return toContactView(row!);
}
