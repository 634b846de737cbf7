import type { RouterOutputs } from '@confab/api';
import { useEffect, useState } from 'react';
import { useBackend } from '../../app/context';
import type { UserView } from '../../lib/backend';
import { Avatar } from '../../ui/Avatar';

type Contact = RouterOutputs['contacts']['list'][number];

/** The address book with a filter, each contact a checkbox; hidden when there are no contacts. */
export function ContactPicker({ meId, picked, onToggle }: { meId: string | undefined; picked: UserView[]; onToggle(user: UserView): void }) {
  const backend = useBackend();
  const [contacts, setContacts] = useState<Contact[]>([]);
  const [filter, setFilter] = useState('');

  useEffect(() => {
    let live = true;
    void backend.call('contacts.list').then((list) => live && setContacts(list.filter((c) => c.user.id !== meId)), () => undefined);
    return () => {
      live = false;
    };
  }, [backend, meId]);

  if (contacts.length === 0) return null;
  const q = filter.trim().toLocaleLowerCase();
  const shown = contacts.filter((c) => !q || c.displayName.toLocaleLowerCase().includes(q) || (c.user.phone ?? '').includes(q));
  return (
    <fieldset className="contact-picker">
      <legend className="field__label">Contacts</legend>
      <input className="input" type="search" aria-label="Filter contacts" placeholder="Search contacts" value={filter} onChange={(e) => setFilter(e.target.value)} />
      <ul className="contact-picker__list">
        {shown.map((c) => (
          <li key={c.user.id}>
            <label className="contact-picker__item">
              <input type="checkbox" checked={picked.some((p) => p.id === c.user.id)} onChange={() => onToggle(c.user)} />
              <Avatar id={c.user.id} name={c.displayName} mediaId={c.user.avatarMediaId} size="sm" />
              <span>{c.displayName}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
