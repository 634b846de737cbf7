import { BookUser } from 'lucide-react';
import { useContacts } from './use-contacts';

/** The chat-list header's way to Contacts; a badge (the bell's) counts friend requests waiting for me. */
export function ContactsButton({ onOpen }: { onOpen(): void }) {
  const waiting = useContacts().incoming.length;
  const label = waiting > 0 ? `Contacts, ${waiting} friend ${waiting === 1 ? 'request' : 'requests'}` : 'Contacts';
  return (
    <button type="button" className="icon-button bell" onClick={onOpen} aria-label={label} title={label}>
      <BookUser aria-hidden="true" />
      {waiting > 0 && (
        <span className="bell__badge" aria-hidden="true">
          {waiting > 9 ? '9+' : waiting}
        </span>
      )}
    </button>
  );
}
