import type { RouterOutputs } from '@confab/api';
import { UserRound } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useBackend, useMessenger } from '../../app/context';
import { errorText } from '../../../../shared/errors';
import { Avatar } from '../../ui/Avatar';
import { Dialog } from '../../ui/Dialog';
import { FormError } from '../../ui/FormError';

type Contact = RouterOutputs['contacts']['list'][number];

/** Pick someone from my contacts; their card (name, number, account) goes to the chat. */
export function ShareContactDialog({ chatId, onClose }: { chatId: string; onClose(): void }) {
  const backend = useBackend();
  const messenger = useMessenger();
  const [contacts, setContacts] = useState<Contact[] | null>(null);
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    backend.call('contacts.list').then(
      (list) => live && setContacts(list),
      (err: unknown) => live && (setContacts([]), setError(errorText(err))),
    );
    return () => {
      live = false;
    };
  }, [backend]);

  async function share(contact: Contact) {
    if (!contact.user.phone || busy) return;
    setBusy(true);
    setError(null);
    try {
      await messenger.sendComposed({ chatId, kind: 'contact', contact: { name: contact.displayName, phones: [contact.user.phone], userId: contact.user.id } });
      onClose();
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  const q = filter.trim().toLocaleLowerCase();
  const shown = (contacts ?? []).filter((c) => !q || c.displayName.toLocaleLowerCase().includes(q) || (c.user.phone ?? '').includes(q));
  return (
    <Dialog title="Share contact" onClose={onClose}>
      <div className="stack share-contact">
        <input className="input" type="search" aria-label="Search contacts" placeholder="Search contacts" value={filter} onChange={(e) => setFilter(e.target.value)} autoFocus />
        {contacts === null ? (
          <p className="share-contact__empty">Loading contacts…</p>
        ) : shown.length === 0 ? (
          <p className="share-contact__empty">
            <UserRound aria-hidden="true" /> {contacts.length === 0 ? 'No contacts yet. Add people to share their cards.' : 'No contact matches.'}
          </p>
        ) : (
          <ul className="share-contact__list" aria-label="Contacts">
            {shown.map((c) => (
              <li key={c.user.id}>
                <button type="button" className="share-contact__item" disabled={busy || !c.user.phone} onClick={() => void share(c)} aria-label={`Share ${c.displayName}`}>
                  <Avatar id={c.user.id} name={c.displayName} mediaId={c.user.avatarMediaId} size="sm" />
                  <span className="share-contact__text">
                    <span className="share-contact__name">{c.displayName}</span>
                    <span className="share-contact__phone">{c.user.phone ?? 'Number hidden'}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <FormError message={error} />
      </div>
    </Dialog>
  );
}
