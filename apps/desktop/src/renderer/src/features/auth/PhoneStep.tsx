import { FormError } from '../../ui/FormError';
import { useId, useState, type FormEvent } from 'react';
import { useBackend } from '../../app/context';
import { errorText } from '../../../../shared/errors';

export function PhoneStep({ onCodeSent }: { onCodeSent(phone: string): void }) {
  const backend = useBackend();
  const [phone, setPhone] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hintId = useId();
  const errorId = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const sent = await backend.call('session.requestCode', { phone });
      onCodeSent(sent.phone);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="signin__form" onSubmit={submit} noValidate>
      <h2 className="signin__heading">Sign in with your phone</h2>
      <p className="signin__lead">We will text you a 6-digit code. New here? The same code creates your account.</p>
      <label className="field">
        <span className="field__label">Phone number</span>
        <input
          className="input input--large"
          type="tel"
          name="phone"
          autoComplete="tel"
          inputMode="tel"
          placeholder="+1 201 555 0123"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          aria-invalid={error ? true : undefined}
          autoFocus
          required
        />
        <span id={hintId} className="field__hint">
          International format: a + and your country code, then the number.
        </span>
      </label>
      <FormError message={error} id={errorId} />
      <button className="button button--primary button--block" type="submit" disabled={busy || phone.trim().length < 3}>
        {busy ? 'Sending code…' : 'Send code'}
      </button>
    </form>
  );
}
