import { useCallback, useEffect, useState } from 'react';
import { useBackend } from '../../app/context';
import { errorText } from '../../../../shared/errors';
import type { OutputOf } from '../../../../shared/procedures/index';
import { Avatar } from '../../ui/Avatar';
import { Spinner } from '../../ui/Spinner';

type Blocked = OutputOf<'users.blocked'>[number];

/** The people I blocked, newest first; unblocking lets them message and call me again. */
export function BlockedContactsPage() {
  const backend = useBackend();
  const [blocked, setBlocked] = useState<Blocked[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setBlocked(await backend.call('users.blocked'));
    } catch (err) {
      setError(errorText(err));
    }
  }, [backend]);
  useEffect(() => void load(), [load]);

  async function unblock(userId: string) {
    setError(null);
    try {
      await backend.call('users.unblock', { userId });
    } catch (err) {
      setError(errorText(err));
    }
    await load();
  }

  if (!blocked) return error ? <p className="form-error" role="alert">{error}</p> : <Spinner label="Loading blocked contacts" />;
  return (
    <div className="settings-page">
      <p className="muted">Blocked people cannot message or call you, and do not see your last seen or profile updates.</p>
      {blocked.length === 0 ? (
        <p className="settings-empty">You have not blocked anyone.</p>
      ) : (
        <ul className="settings-rows" aria-label="Blocked contacts">
          {blocked.map(({ user }) => {
            const name = user.name || user.phone || 'Unknown';
            return (
              <li key={user.id} className="settings-row">
                <Avatar id={user.id} name={name} mediaId={user.avatarMediaId} size="sm" />
                <div className="settings-row__text">
                  <span className="settings-row__label">{name}</span>
                  {user.phone && user.phone !== name && <span className="settings-row__hint">{user.phone}</span>}
                </div>
                <button type="button" className="button button--small" onClick={() => void unblock(user.id)} aria-label={`Unblock ${name}`}>
                  Unblock
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
