import { Search } from 'lucide-react';
import { useState } from 'react';
import { useMessenger } from '../../app/context';
import { errorText } from '../../../../shared/errors';
import type { UserView } from '../../lib/backend';
import { FormError } from '../../ui/FormError';
import { Spinner } from '../../ui/Spinner';
import { AddContactForm } from './AddContactForm';
import { ContactRow } from './ContactRow';
import type { Contact } from './contacts-data';
import { useContacts } from './use-contacts';

/** Contacts whose name, alias or number has the query (digits match however the number is spaced). */
export function matchContact(contact: Contact, query: string): boolean {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return true;
  const words = [contact.displayName, contact.alias ?? '', contact.user.name ?? ''].map((w) => w.toLocaleLowerCase());
  if (words.some((w) => w.includes(q))) return true;
  const digits = q.replace(/[^\d]/g, '');
  return digits.length > 0 && (contact.user.phone ?? '').replace(/[^\d]/g, '').includes(digits);
}

/** Add by number, then my contacts (search by name or number), each with its actions. */
export function ContactsTab({ onChatOpened }: { onChatOpened(): void }) {
  const data = useContacts();
  const messenger = useMessenger();
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function message(user: UserView) {
    setError(null);
    try {
      await messenger.startChatWith(user);
      onChatOpened();
    } catch (err) {
      setError(errorText(err));
    }
  }

  const shown = (data.contacts ?? []).filter((c) => matchContact(c, query));
  return (
    <div className="contacts-tab">
      <AddContactForm onMessage={(user) => void message(user)} />
      <FormError message={error} />
      <div className="contacts-search">
        <Search aria-hidden="true" />
        <input className="input" type="search" aria-label="Search contacts" placeholder="Search by name or number" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      {!data.contacts ? (
        data.error ? <FormError message={data.error} /> : <Spinner label="Loading contacts" />
      ) : data.contacts.length === 0 ? (
        <p className="settings-empty">No contacts yet. Add someone by their phone number above.</p>
      ) : shown.length === 0 ? (
        <p className="settings-empty">No contact matches “{query.trim()}”.</p>
      ) : (
        <ul className="settings-rows contacts-list" aria-label="Your contacts">
          {shown.map((contact) => (
            <ContactRow key={contact.user.id} contact={contact} onMessage={() => void message(contact.user)} />
          ))}
        </ul>
      )}
    </div>
  );
}
