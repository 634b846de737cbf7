import type { Contact } from './contacts-data';

const digitsOf = (text: string) => text.replace(/\D/g, '');

/**
 * The search text when it is a phone number (a + or digit, then digits, spaces, dots, dashes or
 * brackets: at least 6 digits) that is none of my contacts' numbers — the picker's "Chat with …"
 * row. Null otherwise: a name, a few digits, or a contact's own number (their row is there).
 */
export function typedPhone(query: string, contacts: readonly Contact[]): string | null {
  const q = query.trim();
  if (!/^\+?[\d\s().-]+$/.test(q) || digitsOf(q).length < 6) return null;
  const digits = digitsOf(q);
  // Typed with its country code, a contact's number matches exactly; without it (the server
  // assumes the default region), it is the end of theirs.
  const known = contacts.some((c) => {
    const theirs = digitsOf(c.user.phone ?? '');
    return theirs !== '' && (q.startsWith('+') ? theirs === digits : theirs.endsWith(digits));
  });
  return known ? null : q;
}
