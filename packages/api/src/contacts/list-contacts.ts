import type { AuthedContext } from '../trpc.js';
import { withVisibleUsers } from '../users/profile-privacy.js';
import { toContactView } from './contact-view.js';
import { contactRows } from './contacts.repo.js';

/** The caller's contacts, sorted by the name they see; photo and about as each contact's privacy settings allow. */
export async function listContacts(ctx: AuthedContext) {
  const rows = await contactRows(ctx.deps.db, ctx.user.id);
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  const contacts = await withVisibleUsers(ctx.deps.db, ctx.user.id, rows.map(toContactView));
  return contacts.sort((a, b) => collator.compare(a.displayName, b.displayName));
}
