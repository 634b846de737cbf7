import { z } from 'zod';
import { fail } from '../errors.js';
import type { AuthedContext } from '../trpc.js';
import { displayText } from '../users/display-text.js';
import { withVisibleUser } from '../users/profile-privacy.js';
import { loadLiveUser } from '../users/users.repo.js';
import { toContactView } from './contact-view.js';
import { contactRows, upsertContact } from './contacts.repo.js';
import { acceptRequestFrom } from './message-requests.repo.js';
import { transactContactChange } from './contact-change.js';
import { id } from '../lib/schemas.js';

export const addContactInput = z
  .object({
    userId: id,
    /** Omitted keeps the current alias; null clears it. */
    alias: displayText('An alias', 64).nullable().optional(),
  })
  .strict();

/**
 * Adds someone to the caller's contacts (or renames them there). A message request from them
 * becomes a normal chat: adding someone is trusting them. My other devices hear `contact.updated`.
 */
export async function addContact(ctx: AuthedContext, input: z.infer<typeof addContactInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  if (input.userId === me) throw fail.badRequest('You cannot add yourself as a contact');
  const user = await loadLiveUser(deps.db, input.userId);
  const now = deps.clock.now();
  return transactContactChange(deps, [{ owner: me, viewer: user.id }], async (trx, emit) => {
    await upsertContact(trx, me, user.id, input.alias, now);
    const [row] = await contactRows(trx, me, user.id);
    const contact = await withVisibleUser(trx, me, toContactView(row!));
    emit([me], { type: 'contact.updated', contact });
    await acceptRequestFrom(trx, emit, me, user.id, now);
    return contact;
  });
}
