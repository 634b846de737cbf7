import { storedLabels } from '../labels/label-schema.js';
import { toUserView, type UserView } from '../users/user-view.js';
import type { contactRows } from './contacts.repo.js';

export interface ContactView {
  user: UserView;
  alias: string | null;
  /** What the address book shows: the alias, else the profile name, else the number. */
  displayName: string;
  /** The owner's personal labels for this contact. */
  tags: string[];
  addedAt: string;
}

export function toContactView(row: Awaited<ReturnType<typeof contactRows>>[number]): ContactView {
  const { alias, addedAt, tags, ...user } = row;
  const view = toUserView(user);
  return { user: view, alias, displayName: alias || view.name || view.phone || 'Unknown', tags: storedLabels(tags), addedAt: new Date(addedAt).toISOString() };
}
