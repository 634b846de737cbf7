import type { RouterOutputs } from '@confab/api';
import { useEffect, useId, useState } from 'react';
import { useBackend } from '../../app/context';
import { errorText } from '../../../../shared/errors';
import { FormError } from '../../ui/FormError';
import { NotificationSetting } from '../notifications/NotificationSetting';
import { disablePush, enablePush, pushChoice, type PushChoice } from '../push/push-choice';

type Prefs = RouterOutputs['settings']['get']['notifications'];
type Key = keyof Prefs;

const SWITCHES: { key: Key; label: string; hint: string }[] = [
  { key: 'messages', label: 'Messages', hint: 'New messages in one-to-one chats' },
  { key: 'groups', label: 'Groups', hint: 'New messages in groups and group invitations' },
  { key: 'stories', label: 'Status updates', hint: 'Replies to your status' },
  { key: 'reactions', label: 'Reactions', hint: 'Reactions to your messages' },
  { key: 'sound', label: 'Sound', hint: 'Play a sound with each notification' },
  { key: 'preview', label: 'Show preview', hint: 'Message text in notifications; off shows only “New message”' },
];

const PUSH_HINT: Record<PushChoice, string> = {
  on: 'This browser shows new messages as notifications even with no Confab tab open.',
  off: 'Turn on to get notifications in this browser even with no Confab tab open.',
  blocked: 'Your browser blocks notifications for this site. Allow them in the site settings, then turn this on.',
  unsupported: 'This browser cannot receive push notifications.',
  unavailable: 'This server does not send push notifications.',
};

/**
 * Settings → Notifications: which notifications to show, with sound and message text, kept on
 * the server (`settings.notifications`) so the web client, the desktop app and push follow the
 * same choice; a muted chat stays quiet whatever is on here. The web client adds its own
 * browser switches (while a tab is open, and push while none is).
 */
export function NotificationPreferences() {
  const backend = useBackend();
  const [prefs, setPrefs] = useState<Prefs | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [push, setPush] = useState<PushChoice | null>(null);
  const id = useId();

  useEffect(() => {
    let live = true;
    void backend.call('settings.get').then(
      (s) => live && setPrefs(s.notifications),
      (err: unknown) => live && setError(errorText(err)),
    );
    const stop = backend.onEvent((event) => {
      if (event.type === 'settings.updated') setPrefs(event.settings.notifications);
    });
    if (backend.kind === 'web') void pushChoice().then((c) => live && setPush(c));
    return () => {
      live = false;
      stop();
    };
  }, [backend]);

  async function change(key: Key, value: boolean) {
    setError(null);
    setPrefs((p) => (p ? { ...p, [key]: value } : p));
    try {
      const saved = await backend.call('settings.update', { notifications: { [key]: value } });
      setPrefs(saved.notifications);
    } catch (err) {
      setPrefs((p) => (p ? { ...p, [key]: !value } : p));
      setError(errorText(err));
    }
  }

  async function changePush(on: boolean) {
    setError(null);
    try {
      setPush(on ? await enablePush(backend) : await disablePush(backend));
    } catch (err) {
      setError(errorText(err));
      setPush(await pushChoice());
    }
  }

  return (
    <div className="settings__section notification-prefs">
      <fieldset className="notification-prefs__group" disabled={!prefs}>
        <legend>Notify me about</legend>
        {SWITCHES.map(({ key, label, hint }) => (
          <div className="info-field" key={key}>
            <div className="notification-prefs__label">
              <label htmlFor={`${id}-${key}`}>{label}</label>
              <span className="notification-prefs__hint" id={`${id}-${key}-hint`}>
                {hint}
              </span>
            </div>
            <input
              id={`${id}-${key}`}
              type="checkbox"
              role="switch"
              className="info-switch"
              checked={prefs?.[key] ?? false}
              aria-describedby={`${id}-${key}-hint`}
              onChange={(e) => void change(key, e.target.checked)}
            />
          </div>
        ))}
      </fieldset>
      <p className="field__hint">Applies on every device you are signed in on. A muted chat stays quiet.</p>
      <FormError message={error} />
      {backend.kind === 'web' && (
        <fieldset className="notification-prefs__group">
          <legend>This browser</legend>
          <NotificationSetting />
          {push && (
            <>
              <div className="info-field">
                <label htmlFor={`${id}-push`}>Notify when Confab is closed</label>
                <input
                  id={`${id}-push`}
                  type="checkbox"
                  role="switch"
                  className="info-switch"
                  checked={push === 'on'}
                  disabled={push === 'unsupported' || push === 'unavailable'}
                  aria-describedby={`${id}-push-hint`}
                  onChange={(e) => void changePush(e.target.checked)}
                />
              </div>
              <p id={`${id}-push-hint`} className="field__hint">
                {PUSH_HINT[push]}
              </p>
            </>
          )}
        </fieldset>
      )}
    </div>
  );
}
