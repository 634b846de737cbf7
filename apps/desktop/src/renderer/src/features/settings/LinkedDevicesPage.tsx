import { LogOut, Monitor, Smartphone } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { useBackend } from '../../app/context';
import { errorText } from '../../../../shared/errors';
import type { OutputOf } from '../../../../shared/procedures/index';
import { Spinner } from '../../ui/Spinner';

type Session = OutputOf<'auth.sessions'>[number];

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Every device signed in to this account: sign one out, or every other one. */
export function LinkedDevicesPage() {
  const backend = useBackend();
  const [sessions, setSessions] = useState<Session[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setSessions(await backend.call('auth.sessions'));
    } catch (err) {
      setError(errorText(err));
    }
  }, [backend]);
  useEffect(() => void load(), [load]);

  async function signOut(ids: string[]) {
    setBusy(true);
    setError(null);
    try {
      for (const sessionId of ids) await backend.call('auth.revokeSession', { sessionId });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
      await load();
    }
  }

  if (!sessions) return error ? <p className="form-error" role="alert">{error}</p> : <Spinner label="Loading devices" />;
  const others = sessions.filter((s) => !s.current);
  return (
    <div className="settings-page">
      <p className="muted">Signing a device out ends its session at once; it needs a new code to come back.</p>
      <ul className="settings-rows" aria-label="Signed-in devices">
        {sessions.map((s) => {
          const Icon = /web|browser|chrome|firefox|safari|edge/i.test(s.deviceName) ? Monitor : Smartphone;
          return (
            <li key={s.id} className="settings-row" data-session-id={s.id}>
              <Icon className="settings-row__icon" aria-hidden="true" />
              <div className="settings-row__text">
                <span className="settings-row__label">{s.deviceName}</span>
                <span className="settings-row__hint">{s.current ? 'This device · active now' : `Last active ${when.format(new Date(s.lastUsedAt))}`}</span>
              </div>
              {!s.current && (
                <button type="button" className="button button--small" disabled={busy} onClick={() => void signOut([s.id])} aria-label={`Sign out ${s.deviceName}`}>
                  <LogOut aria-hidden="true" />
                  Sign out
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {others.length > 0 && (
        <button type="button" className="button button--danger" disabled={busy} onClick={() => void signOut(others.map((s) => s.id))}>
          <LogOut aria-hidden="true" />
          Sign out all other devices
        </button>
      )}
    </div>
  );
}
