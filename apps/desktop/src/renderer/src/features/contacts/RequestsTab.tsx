import { useState, type ReactNode } from 'react';
import { useBackend } from '../../app/context';
import { errorText } from '../../../../shared/errors';
import { formatListTime } from '../../lib/format';
import { Avatar } from '../../ui/Avatar';
import { FormError } from '../../ui/FormError';
import { contactsDataFor, type FriendRequest } from './contacts-data';
import { useContacts } from './use-contacts';

/** Friend requests: received ones to accept or decline, sent ones to cancel; live from the stream. */
export function RequestsTab() {
  const backend = useBackend();
  const data = useContacts();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function act(request: FriendRequest, action: 'accept' | 'decline' | 'cancel') {
    setBusy(request.user.id);
    setError(null);
    try {
      if (action === 'cancel') await backend.call('contacts.cancel', { userId: request.user.id });
      else await backend.call('contacts.respond', { userId: request.user.id, accept: action === 'accept' });
      contactsDataFor(backend).settle(request.direction, request.user.id);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="requests-tab">
      <FormError message={error} />
      <section aria-labelledby="requests-received">
        <h3 id="requests-received" className="contacts-heading">
          Received
        </h3>
        {data.incoming.length === 0 ? (
          <p className="settings-empty">No friend requests waiting for you.</p>
        ) : (
          <ul className="settings-rows" aria-label="Received requests">
            {data.incoming.map((r) => (
              <RequestRow key={r.user.id} request={r} busy={busy === r.user.id}>
                <button type="button" className="button button--small" onClick={() => void act(r, 'decline')} aria-label={`Decline ${nameOf(r)}`}>
                  Decline
                </button>
                <button type="button" className="button button--small button--primary" onClick={() => void act(r, 'accept')} aria-label={`Accept ${nameOf(r)}`}>
                  Accept
                </button>
              </RequestRow>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="requests-sent">
        <h3 id="requests-sent" className="contacts-heading">
          Sent
        </h3>
        {data.outgoing.length === 0 ? (
          <p className="settings-empty">No requests waiting for an answer.</p>
        ) : (
          <ul className="settings-rows" aria-label="Sent requests">
            {data.outgoing.map((r) => (
              <RequestRow key={r.user.id} request={r} busy={busy === r.user.id}>
                <button type="button" className="button button--small" onClick={() => void act(r, 'cancel')} aria-label={`Cancel request to ${nameOf(r)}`}>
                  Cancel
                </button>
              </RequestRow>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

const nameOf = (r: FriendRequest) => r.user.name || r.user.phone || 'Unknown';

function RequestRow({ request, busy, children }: { request: FriendRequest; busy: boolean; children: ReactNode }) {
  const name = nameOf(request);
  return (
    <li className="settings-row contact-row" aria-busy={busy || undefined}>
      <Avatar id={request.user.id} name={name} mediaId={request.user.avatarMediaId} size="sm" />
      <div className="settings-row__text contact-row__text">
        <span className="settings-row__label">{name}</span>
        <span className="settings-row__hint">
          {[request.user.phone !== name ? request.user.phone : null, formatListTime(request.createdAt)].filter(Boolean).join(' · ')}
        </span>
      </div>
      <fieldset className="contact-row__actions" disabled={busy}>
        {children}
      </fieldset>
    </li>
  );
}
