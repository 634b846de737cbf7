import { UserPlus } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { useBackend } from '../../app/context';
import { useMessengerState } from '../../app/use-messenger-state';
import { errorText } from '../../../../shared/errors';
import type { UserView } from '../../lib/backend';
import { lookupByPhone } from '../../lib/people';
import { Avatar } from '../../ui/Avatar';
import { FormError } from '../../ui/FormError';
import { contactsDataFor } from './contacts-data';
import { InviteOffer } from './InviteOffer';
import { useContacts } from './use-contacts';

type Found = { kind: 'user'; user: UserView } | { kind: 'notOnConfab'; phone: string };

/**
 * "Add contact" by phone number: found on Confab, add them to my contacts (only I need to) or
 * send a friend request (both become contacts when they accept); not on Confab, the offer to
 * invite them (InviteOffer).
 */
export function AddContactForm({ onMessage }: { onMessage(user: UserView): void }) {
  const backend = useBackend();
  const data = useContacts();
  const meId = useMessengerState((s) => s.me?.id);
  const [phone, setPhone] = useState('');
  const [found, setFound] = useState<Found | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const ids = { phone: useId(), hint: useId(), error: useId() };

  async function find(e: FormEvent) {
    e.preventDefault();
    const number = phone.trim();
    if (!number || busy) return;
    await run(async () => {
      setFound(null);
      setDone(null);
      const user = await lookupByPhone(backend, number);
      if (user?.id === meId) throw new Error('That is your own number.');
      setFound(user ? { kind: 'user', user } : { kind: 'notOnConfab', phone: number });
    });
  }

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const user = found?.kind === 'user' ? found.user : null;
  const name = user ? user.name || user.phone || 'Unknown' : '';
  const isContact = Boolean(user && data.contacts?.some((c) => c.user.id === user.id));
  const requested = Boolean(user && data.outgoing.some((r) => r.user.id === user.id));

  return (
    <section className="add-contact" aria-label="Add contact">
      <form className="add-contact__form" onSubmit={find} noValidate>
        <label className="field add-contact__field" htmlFor={ids.phone}>
          <span className="field__label">Add by phone number</span>
          <input
            id={ids.phone}
            className="input"
            type="tel"
            inputMode="tel"
            autoComplete="off"
            placeholder="+44 20 7946 0958"
            value={phone}
            onChange={(e) => {
              setPhone(e.target.value);
              setFound(null);
              setDone(null);
            }}
            aria-describedby={error ? `${ids.hint} ${ids.error}` : ids.hint}
            aria-invalid={error ? true : undefined}
          />
          <span id={ids.hint} className="field__hint">
            International format: a + and the country code, then the number.
          </span>
        </label>
        <button type="submit" className="button" disabled={busy || !phone.trim()}>
          <UserPlus aria-hidden="true" />
          Find
        </button>
      </form>
      <FormError id={ids.error} message={error} />
      {user && (
        <div className="add-contact__result" role="group" aria-label={`Found ${name}`}>
          <Avatar id={user.id} name={name} mediaId={user.avatarMediaId} size="sm" />
          <div className="add-contact__who">
            <span className="add-contact__name">{name}</span>
            {user.phone && user.phone !== name && <span className="muted">{user.phone}</span>}
          </div>
          <div className="add-contact__actions">
            {isContact ? (
              <span className="muted">In your contacts</span>
            ) : (
              <>
                <button
                  type="button"
                  className="button button--small"
                  disabled={busy}
                  onClick={() => void run(async () => contactsDataFor(backend).upsert(await backend.call('contacts.add', { userId: user.id })))}
                >
                  Add contact
                </button>
                <button
                  type="button"
                  className="button button--small button--primary"
                  disabled={busy || requested}
                  onClick={() =>
                    void run(async () => {
                      const answer = await backend.call('contacts.request', { userId: user.id });
                      setDone(answer.status === 'contacts' ? `You and ${name} are now contacts.` : `Friend request sent to ${name}.`);
                    })
                  }
                >
                  {requested ? 'Request sent' : 'Send friend request'}
                </button>
              </>
            )}
            <button type="button" className="button button--small" onClick={() => onMessage(user)}>
              Message
            </button>
          </div>
        </div>
      )}
      {found?.kind === 'notOnConfab' && <InviteOffer key={found.phone} phone={found.phone} onConfab={(user) => setFound({ kind: 'user', user })} />}
      {done && (
        <p className="add-contact__done" role="status">
          {done}
        </p>
      )}
    </section>
  );
}
