import { Search, Share2, UserPlus, UserRoundCheck, Users } from 'lucide-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useMessenger } from '../../app/context';
import { errorText } from '../../../../shared/errors';
import type { UserView } from '../../lib/backend';
import { FormError } from '../../ui/FormError';
import { Spinner } from '../../ui/Spinner';
import { NewGroupDialog } from '../groups/NewGroupDialog';
import { AddContactForm } from './AddContactForm';
import { ContactRow } from './ContactRow';
import { matchContact } from './match-contact';
import { RequestsTab } from './RequestsTab';
import { SidePanel } from './SidePanel';
import { ShareInviteLink } from './ShareInviteLink';
import { useContacts } from './use-contacts';

type View = 'list' | 'new-contact' | 'requests' | 'invite';

const titles: Record<View, string> = { list: 'Contacts', 'new-contact': 'New contact', requests: 'Friend requests', invite: 'Invite a friend' };

/**
 * The address book in the chat list's place (picking someone to chat with is NewChatPanel's):
 * search, then New contact, New group, friend requests and Invite, then everyone in my address
 * book, each to message, rename, label or remove. The back arrow or Esc goes one step back (a sub-page to the list, the
 * list to the chats).
 */
export function ContactsPanel({ onClose }: { onClose(): void }) {
  const data = useContacts();
  const messenger = useMessenger();
  const [view, setView] = useState<View>('list');
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [newGroup, setNewGroup] = useState(false);
  const backRef = useRef<HTMLButtonElement>(null);
  const back = view === 'list' ? onClose : () => setView('list');

  // Each page starts at its top, with focus on the way back.
  useEffect(() => {
    if (view !== 'list') backRef.current?.focus();
  }, [view]);

  async function message(user: UserView) {
    setError(null);
    try {
      await messenger.startChatWith(user);
      onClose();
    } catch (err) {
      setError(errorText(err));
    }
  }

  const waiting = data.incoming.length;
  const shown = (data.contacts ?? []).filter((c) => matchContact(c, query));
  return (
    <SidePanel label="Contacts" title={titles[view]} backLabel={view === 'list' ? 'Back to chat list' : 'Back to contacts'} onBack={back} backRef={backRef}>
        {view === 'new-contact' && <AddContactForm onMessage={(user) => void message(user)} />}
        {view === 'requests' && <RequestsTab />}
        {view === 'invite' && (
          <section className="contacts-side__invite" aria-label="Invite a friend">
            <p className="muted">Send this link to someone not on Confab yet: when they join with it, you are in each other’s contacts.</p>
            <ShareInviteLink />
          </section>
        )}
        {view === 'list' && (
          <>
            <div className="contacts-search">
              <Search aria-hidden="true" />
              <input className="input" type="search" aria-label="Search contacts" placeholder="Search name or number" value={query} onChange={(e) => setQuery(e.target.value)} autoFocus />
            </div>
            {!query.trim() && (
              <ul className="contacts-side__actions" aria-label="Start something new">
                <Action icon={<UserPlus aria-hidden="true" />} label="New contact" onClick={() => setView('new-contact')} />
                <Action icon={<Users aria-hidden="true" />} label="New group" onClick={() => setNewGroup(true)} />
                <Action
                  icon={<UserRoundCheck aria-hidden="true" />}
                  label="Friend requests"
                  count={waiting}
                  countLabel={`${waiting} waiting`}
                  onClick={() => setView('requests')}
                />
                <Action icon={<Share2 aria-hidden="true" />} label="Invite a friend" onClick={() => setView('invite')} />
              </ul>
            )}
            <FormError message={error} />
            <h2 className="contacts-heading contacts-side__heading">Contacts on Confab</h2>
            {!data.contacts ? (
              data.error ? <FormError message={data.error} /> : <Spinner label="Loading contacts" />
            ) : data.contacts.length === 0 ? (
              <p className="settings-empty">No contacts yet. Add someone with New contact.</p>
            ) : shown.length === 0 ? (
              <p className="settings-empty">No contact matches “{query.trim()}”.</p>
            ) : (
              <ul className="settings-rows contacts-list" aria-label="Your contacts">
                {shown.map((contact) => (
                  <ContactRow key={contact.user.id} contact={contact} onMessage={() => void message(contact.user)} />
                ))}
              </ul>
            )}
          </>
        )}
      {newGroup && <NewGroupDialog onClose={() => setNewGroup(false)} />}
    </SidePanel>
  );
}

function Action({ icon, label, count = 0, countLabel, onClick }: { icon: ReactNode; label: string; count?: number; countLabel?: string; onClick(): void }) {
  return (
    <li>
      <button type="button" className="contacts-side__action" onClick={onClick}>
        <span className="contacts-side__action-icon">{icon}</span>
        <span className="contacts-side__action-label">{label}</span>
        {count > 0 && (
          <span className="badge" aria-label={countLabel}>
            {count}
          </span>
        )}
      </button>
    </li>
  );
}
