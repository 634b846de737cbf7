import { LiveData } from '../../lib/live-data';
import type { Backend, BackendEvent } from '../../lib/backend';
import { errorText } from '../../../../shared/errors';
import type { OutputOf } from '../../../../shared/procedures/index';

export type Contact = OutputOf<'contacts.list'>[number];
export type FriendRequest = OutputOf<'contacts.requests'>['incoming'][number];

/**
 * My address book and friend requests, loaded once and kept fresh by the live stream
 * (`contact.updated`, `contact.removed`, `contact.request`), so the Contacts screen, its
 * header badge and the chat list's label chips agree. One per Backend.
 */
export class ContactsData extends LiveData {
  contacts: Contact[] | null = null;
  incoming: FriendRequest[] = [];
  outgoing: FriendRequest[] = [];
  error: string | null = null;
  private loading: Promise<void> | null = null;

  /** Reads both lists (again when `force`); a failure keeps what was known and says why. */
  load(force = false): Promise<void> {
    if (this.loading) return this.loading;
    if (this.contacts && !force) return Promise.resolve();
    this.loading = (async () => {
      try {
        const [contacts, requests] = await Promise.all([this.backend.call('contacts.list'), this.backend.call('contacts.requests')]);
        this.contacts = contacts;
        this.incoming = requests.incoming;
        this.outgoing = requests.outgoing;
        this.error = null;
      } catch (error) {
        this.error = errorText(error);
      } finally {
        this.loading = null;
        this.changed();
      }
    })();
    return this.loading;
  }

  /** A contact the server just answered with (add, alias, tags): shown before its event arrives. */
  upsert(contact: Contact): void {
    if (!this.contacts) return;
    const others = this.contacts.filter((c) => c.user.id !== contact.user.id);
    this.contacts = [...others, contact].sort(byName);
    this.changed();
  }

  /** Someone I just removed: gone before the event arrives. */
  drop(userId: string): void {
    if (!this.contacts) return;
    this.contacts = this.contacts.filter((c) => c.user.id !== userId);
    this.changed();
  }

  /** A request answered or withdrawn here: gone from its list before the event arrives. */
  settle(direction: FriendRequest['direction'], userId: string): void {
    this[direction] = this[direction].filter((r) => r.user.id !== userId);
    this.changed();
  }

  protected apply(event: BackendEvent): void {
    switch (event.type) {
      case 'contact.updated':
        return this.upsert(event.contact);
      case 'contact.removed':
        return this.drop(event.userId);
      case 'contact.request': {
        const { request, state } = event;
        const rest = this[request.direction].filter((r) => r.user.id !== request.user.id);
        // Pending adds it (newest first); accepted, declined or cancelled takes it away.
        this[request.direction] = state === 'pending' ? [request, ...rest] : rest;
        return this.changed();
      }
      case 'shell.resynced':
        void this.load(true);
        return;
      default:
    }
  }
}

function byName(a: Contact, b: Contact): number {
  return a.displayName.localeCompare(b.displayName, undefined, { sensitivity: 'base' });
}

const byBackend = new WeakMap<Backend, ContactsData>();

export function contactsDataFor(backend: Backend): ContactsData {
  let data = byBackend.get(backend);
  if (!data) byBackend.set(backend, (data = new ContactsData(backend)));
  return data;
}
