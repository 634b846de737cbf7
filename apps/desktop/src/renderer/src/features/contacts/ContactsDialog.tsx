import { useId, useState } from 'react';
import { Dialog } from '../../ui/Dialog';
import { ContactsTab } from './ContactsTab';
import { RequestsTab } from './RequestsTab';
import { useContacts } from './use-contacts';

type Tab = 'contacts' | 'requests';

/** The address book and friend requests, two tabs of one screen (as WhatsApp's and Signal's). */
export function ContactsDialog({ onClose, initialTab = 'contacts' }: { onClose(): void; initialTab?: Tab }) {
  const data = useContacts();
  const [tab, setTab] = useState<Tab>(initialTab);
  const ids = { contacts: useId(), requests: useId(), panel: useId() };
  const waiting = data.incoming.length;
  return (
    <Dialog title="Contacts" onClose={onClose} size="md" className="contacts-dialog">
      <div
        className="tabs"
        role="tablist"
        aria-label="Contacts and requests"
        onKeyDown={(e) => {
          if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
          const next = tab === 'contacts' ? 'requests' : 'contacts';
          setTab(next);
          document.getElementById(ids[next])?.focus();
        }}
      >
        <button type="button" role="tab" id={ids.contacts} aria-selected={tab === 'contacts'} aria-controls={ids.panel} tabIndex={tab === 'contacts' ? 0 : -1} className="tabs__tab" onClick={() => setTab('contacts')}>
          Contacts
        </button>
        <button type="button" role="tab" id={ids.requests} aria-selected={tab === 'requests'} aria-controls={ids.panel} tabIndex={tab === 'requests' ? 0 : -1} className="tabs__tab" onClick={() => setTab('requests')}>
          Requests
          {waiting > 0 && (
            <span className="badge tabs__badge" aria-label={`${waiting} waiting`}>
              {waiting}
            </span>
          )}
        </button>
      </div>
      <div id={ids.panel} role="tabpanel" aria-labelledby={ids[tab]} className="contacts-panel">
        {tab === 'contacts' ? <ContactsTab onChatOpened={onClose} /> : <RequestsTab />}
      </div>
    </Dialog>
  );
}
