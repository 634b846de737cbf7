import { toUserView, type UserView } from '../users/user-view.js';
import type { contactRows } from './contacts.repo.js';

export interface ContactView {
  user: UserView;
  alias: string | null;
  /** What the address book shows: the alias, else the profile name, else the number. */
  displayName: string;
  addedAt: string;
}

export function toContactView(row: Awaited<ReturnType<typeof contactRows>>[number]): ContactView {
  const { alias, addedAt, ...user } = row;
  const view = toUserView(user);
  return { user: view, alias, displayName: alias || view.name || view.phone || 'Unknown', addedAt: new Date(addedAt).toISOString() };
}
