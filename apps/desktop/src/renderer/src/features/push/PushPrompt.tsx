import { BellRing, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useBackend } from '../../app/context';
import { errorText } from '../../../../shared/errors';
import { dismissPrompt, enablePush, pushChoice, promptDismissed } from './push-choice';

/**
 * A dismissible strip above the chat list in the web client, offering notifications while
 * Confab is closed. The browser's own permission prompt appears only after "Turn on" is clicked.
 * Shown while the browser has not been asked yet and the user did not say "Not now".
 */
export function PushPrompt() {
  const backend = useBackend();
  const [visible, setVisible] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (backend.kind !== 'web' || promptDismissed()) return;
    let live = true;
    void pushChoice().then((choice) => live && setVisible(choice === 'off' && Notification.permission === 'default'));
    return () => void (live = false);
  }, [backend]);

  if (!visible) return null;

  async function turnOn() {
    setBusy(true);
    setError(null);
    try {
      const choice = await enablePush(backend);
      if (choice === 'unavailable') setError('This server does not send push notifications.');
      else setVisible(false);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  function notNow() {
    dismissPrompt();
    setVisible(false);
  }

  return (
    <section className="push-prompt" aria-labelledby="push-prompt-title">
      <BellRing className="push-prompt__icon" aria-hidden="true" />
      <div className="push-prompt__text">
        <h2 id="push-prompt-title" className="push-prompt__title">
          Get notified when Confab is closed
        </h2>
        <p className="push-prompt__body">New messages can appear as notifications even with no Confab tab open. Your browser will ask you to allow them.</p>
        {error && (
          <p className="push-prompt__error" role="alert">
            {error}
          </p>
        )}
        <div className="push-prompt__actions">
          <button type="button" className="button button--primary button--small" onClick={() => void turnOn()} disabled={busy}>
            {busy ? 'Turning on…' : 'Turn on'}
          </button>
          <button type="button" className="button button--ghost button--small" onClick={notNow}>
            Not now
          </button>
        </div>
      </div>
      <button type="button" className="icon-button push-prompt__close" onClick={notNow} aria-label="Dismiss" title="Dismiss">
        <X aria-hidden="true" />
      </button>
    </section>
  );
}
