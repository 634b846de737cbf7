import { Phone, Search, UserPlus, Users } from 'lucide-react';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useBackend, useMessenger } from '../../app/context';
import { useMessengerState } from '../../app/use-messenger-state';
import { errorText } from '../../../../shared/errors';
import type { UserView } from '../../lib/backend';
import { lookupByPhone } from '../../lib/people';
import { Avatar } from '../../ui/Avatar';
import { FormError } from '../../ui/FormError';
import { Spinner } from '../../ui/Spinner';
import { NewGroupDialog } from '../groups/NewGroupDialog';
import { AddContactForm } from './AddContactForm';
import type { Contact } from './contacts-data';
import { InviteOffer } from './InviteOffer';
import { matchContact } from './match-contact';
import { typedPhone } from './typed-phone';
import { QrCodeForm } from './QrCodeForm';
import { SidePanel } from './SidePanel';
import { useContacts } from './use-contacts';

/** One row of the picker: what Enter or a click on it does. */
type Choice = { kind: 'new-group' } | { kind: 'new-contact' } | { kind: 'phone'; phone: string } | { kind: 'contact'; contact: Contact };

/**
 * "New chat" in the chat list's place, as in WhatsApp Desktop and Telegram: a search box (focused)
 * over New group, New contact and my contacts. Typing filters by name, alias or number; a number
 * not in my contacts gets a "Chat with …" row that looks it up and opens the chat, or offers an
 * invitation when it is not on Confab. ↑ ↓ move through the rows, Enter picks, Esc goes back.
 * The search box is a combobox over one listbox, so a screen reader hears each row as it moves.
 */
export function NewChatPanel({ onClose }: { onClose(): void }) {
  const data = useContacts();
  const messenger = useMessenger();
  const backend = useBackend();
  const [view, setView] = useState<'list' | 'new-contact'>('list');
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notOnConfab, setNotOnConfab] = useState<string | null>(null);
  const [newGroup, setNewGroup] = useState(false);
  const activeChatId = useMessengerState((s) => s.activeChatId);
  /** The chat open when New group began: another one open after it means a group was made. */
  const chatBeforeGroup = useRef<string | null>(null);
  const backRef = useRef<HTMLButtonElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const optionId = (index: number) => `${listId}-${index}`;

  const q = query.trim();
  const shown = (data.contacts ?? []).filter((c) => matchContact(c, q));
  const phone = typedPhone(q, data.contacts ?? []);
  const actions: Choice[] = q ? [] : [{ kind: 'new-group' }, { kind: 'new-contact' }];
  const choices: Choice[] = [...actions, ...(phone ? [{ kind: 'phone', phone } as const] : []), ...shown.map((contact) => ({ kind: 'contact', contact }) as const)];
  const current = Math.max(0, Math.min(active, choices.length - 1));

  // Each page starts with focus where the keyboard goes next: the search box, or the way back.
  useEffect(() => {
    if (view === 'list') searchRef.current?.focus();
    else backRef.current?.focus();
  }, [view]);
  // The keyboard's row stays in view. (A block: this Chromium's scrollIntoView returns a promise, not a cleanup.)
  useEffect(() => {
    document.getElementById(optionId(current))?.scrollIntoView({ block: 'nearest' });
  });

  async function openWith(find: () => Promise<UserView | null>) {
    setBusy(true);
    setError(null);
    try {
      const user = await find();
      if (!user) return setNotOnConfab(q);
      await messenger.startChatWith(user);
      onClose();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  function pick(choice: Choice) {
    if (busy) return;
    if (choice.kind === 'new-group') {
      chatBeforeGroup.current = activeChatId;
      setNewGroup(true);
    }
    else if (choice.kind === 'new-contact') setView('new-contact');
    else if (choice.kind === 'phone') void openWith(() => lookupByPhone(backend, choice.phone));
    else void openWith(async () => choice.contact.user);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (choices.length === 0) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((current + (e.key === 'ArrowDown' ? 1 : -1) + choices.length) % choices.length);
    } else if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      pick(choices[current]!);
    }
  }

  const option = (index: number, content: ReactNode, extra: { phone?: string | null; userId?: string } = {}) => (
    <div
      key={optionId(index)}
      id={optionId(index)}
      role="option"
      aria-selected={index === current}
      className="new-chat__option"
      data-phone={extra.phone ?? undefined}
      data-user-id={extra.userId}
      // The focus stays in the search box: a click picks without taking it away.
      onMouseDown={(e) => e.preventDefault()}
      onMouseMove={() => index !== current && setActive(index)}
      onClick={() => pick(choices[index]!)}
    >
      {content}
    </div>
  );

  if (view === 'new-contact') {
    return (
      <SidePanel label="New chat" title="New contact" backLabel="Back to new chat" onBack={() => setView('list')} backRef={backRef}>
        <AddContactForm onMessage={(user) => void openWith(async () => user)} />
        <QrCodeForm onStarted={onClose} />
        <FormError message={error} />
      </SidePanel>
    );
  }

  let index = 0;
  return (
    <SidePanel label="New chat" title="New chat" backLabel="Back to chat list" onBack={onClose} backRef={backRef}>
      <div className="contacts-search">
        <Search aria-hidden="true" />
        <input
          ref={searchRef}
          className="input"
          type="search"
          role="combobox"
          aria-label="Search name or number"
          aria-expanded={choices.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={choices.length > 0 ? optionId(current) : undefined}
          placeholder="Search name or number"
          autoComplete="off"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
            setNotOnConfab(null);
            setError(null);
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      <div id={listId} role="listbox" aria-label="Start a chat with" className="new-chat__list">
        {actions.length > 0 && (
          <div role="group" aria-label="Start something new">
            {option(index++, <Row icon={<Users aria-hidden="true" />} label="New group" />)}
            {option(index++, <Row icon={<UserPlus aria-hidden="true" />} label="New contact" hint="By phone number or QR code" />)}
          </div>
        )}
        {phone && (
          <div role="group" aria-label="Not in your contacts">
            {option(index++, <Row icon={<Phone aria-hidden="true" />} label={`Chat with ${phone}`} hint={busy ? 'Looking…' : 'Not in your contacts'} />, { phone })}
          </div>
        )}
        {shown.length > 0 && (
          <div role="group" aria-labelledby={`${listId}-contacts`}>
            <div id={`${listId}-contacts`} role="presentation" className="contacts-heading new-chat__heading">
              Contacts on Confab
            </div>
            {shown.map((contact) => option(index++, <ContactChoice contact={contact} />, { phone: contact.user.phone, userId: contact.user.id }))}
          </div>
        )}
      </div>
      {notOnConfab && <InviteOffer key={notOnConfab} phone={notOnConfab} onConfab={(user) => void openWith(async () => user)} />}
      <FormError message={error} />
      {!data.contacts ? (
        data.error ? <FormError message={data.error} /> : <Spinner label="Loading contacts" />
      ) : data.contacts.length === 0 && !q ? (
        <p className="settings-empty">No contacts yet. Add someone with New contact, or type their number above.</p>
      ) : shown.length === 0 && !phone && q ? (
        <p className="settings-empty">No contact matches “{q}”. Type a number to chat with someone not in your contacts.</p>
      ) : null}
      {newGroup && (
        <NewGroupDialog
          onClose={() => {
            setNewGroup(false);
            // The new group is open: back to the chat list beside it, as after picking a contact.
            if (activeChatId !== chatBeforeGroup.current) onClose();
          }}
        />
      )}
    </SidePanel>
  );
}

function Row({ icon, label, hint }: { icon: ReactNode; label: string; hint?: string }) {
  return (
    <>
      <span className="contacts-side__action-icon">{icon}</span>
      <span className="new-chat__text">
        <span className="new-chat__name">{label}</span>
        {hint && <span className="new-chat__hint">{hint}</span>}
      </span>
    </>
  );
}

/** A contact as they appear to me: my alias or their name, their photo and about as their privacy allows. */
function ContactChoice({ contact }: { contact: Contact }) {
  const { user, displayName } = contact;
  return (
    <>
      <Avatar id={user.id} name={displayName} mediaId={user.avatarMediaId} />
      <span className="new-chat__text">
        <span className="new-chat__name">{displayName}</span>
        <span className="new-chat__hint">{user.about || user.phone}</span>
      </span>
    </>
  );
}
