import { Trash2 } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { useBackend } from '../../app/context';
import { errorText } from '../../../../shared/errors';
import { FormError } from '../../ui/FormError';
import type { SettingsPageProps } from './settings-sections';

type Step = { kind: 'explain' } | { kind: 'code'; phone: string };

/**
 * Deleting the account, confirmed by a fresh one-time code sent to the account's number; then
 * every session ends and this device returns to the sign-in screen.
 */
export function DeleteAccountPage({ onSignedOut }: SettingsPageProps) {
  const backend = useBackend();
  const [step, setStep] = useState<Step>({ kind: 'explain' });
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = { code: useId(), error: useId() };

  async function sendCode() {
    setBusy(true);
    setError(null);
    try {
      const { phone } = await backend.call('me.requestDeleteCode');
      setStep({ kind: 'code', phone });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  async function confirm(e: FormEvent) {
    e.preventDefault();
    if (!/^\d{6}$/.test(code.trim())) return setError('Enter the 6-digit code.');
    setBusy(true);
    setError(null);
    try {
      await backend.call('me.deleteAccount', { code: code.trim() });
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
      return;
    }
    // Every session is over on the server; this device forgets its own too.
    await backend.call('session.signOut').catch(() => undefined);
    onSignedOut('Your account was deleted. You can sign up again with the same number at any time.');
  }

  return (
    <div className="settings-page">
      <div className="settings-warning">
        <p>Deleting your account:</p>
        <ul>
          <li>erases your name, about, photo and QR code, your contacts and blocks;</li>
          <li>takes you out of every chat and group (people keep the messages you sent, shown from “Deleted account”);</li>
          <li>signs you out on every device.</li>
        </ul>
        <p>It cannot be undone.</p>
      </div>
      {step.kind === 'explain' ? (
        <>
          <FormError message={error} id={ids.error} />
          <button type="button" className="button button--danger" disabled={busy} onClick={() => void sendCode()}>
            {busy ? 'Sending…' : 'Send a code to confirm'}
          </button>
        </>
      ) : (
        <form className="stack" onSubmit={confirm} noValidate>
          <label className="field" htmlFor={ids.code}>
            <span className="field__label">Code sent to {step.phone}</span>
            <input
              id={ids.code}
              className="input input--code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={12}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              aria-describedby={error ? ids.error : undefined}
              aria-invalid={error ? true : undefined}
              autoFocus
            />
          </label>
          <FormError message={error} id={ids.error} />
          <div className="dialog__actions">
            <button type="button" className="button button--ghost" disabled={busy} onClick={() => void sendCode()}>
              Send a new code
            </button>
            <button type="submit" className="button button--danger" disabled={busy}>
              <Trash2 aria-hidden="true" />
              {busy ? 'Deleting…' : 'Delete my account'}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
