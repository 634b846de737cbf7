import type { AuthedContext } from '../trpc.js';
import { toContactView } from './contact-view.js';
import { contactRows } from './contacts.repo.js';

/** The caller's contacts, sorted by the name they see. */
export async function listContacts(ctx: AuthedContext) {
  const rows = await contactRows(ctx.deps.db, ctx.user.id);
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  return rows.map(toContactView).sort((a, b) => collator.compare(a.displayName, b.displayName));
}
