import type { Contact } from './contacts-data';

/** Contacts whose name, alias or number has the query (digits match however the number is spaced). */
export function matchContact(contact: Contact, query: string): boolean {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return true;
  const words = [contact.displayName, contact.alias ?? '', contact.user.name ?? ''].map((w) => w.toLocaleLowerCase());
  if (words.some((w) => w.includes(q))) return true;
  const digits = q.replace(/[^\d]/g, '');
  return digits.length > 0 && (contact.user.phone ?? '').replace(/[^\d]/g, '').includes(digits);
}
