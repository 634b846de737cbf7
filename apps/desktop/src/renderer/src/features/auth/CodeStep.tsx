import { FormError } from '../../ui/FormError';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useBackend } from '../../app/context';
import type { Session } from '../../lib/backend';
import { errorText } from '../../../../shared/errors';

const RESEND_AFTER_SECONDS = 30;

interface CodeStepProps {
  phone: string;
  onBack(): void;
  onSignedIn(session: Session): void;
}

export function CodeStep({ phone, onBack, onSignedIn }: CodeStepProps) {
  const backend = useBackend();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [resendIn, setResendIn] = useState(RESEND_AFTER_SECONDS);
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const errorId = useId();

  useEffect(() => {
    if (resendIn <= 0) return;
    const timer = setTimeout(() => setResendIn((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [resendIn]);

  async function verify(value: string) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await backend.call('session.verifyCode', { phone, code: value }));
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
      setCode('');
      input.current?.focus();
      input.current?.select();
    }
  }

  function onChange(raw: string) {
    // Pasted codes often arrive as "123 456" or with the SMS text around them.
    const digits = raw.replace(/\D/g, '').slice(0, 6);
    setCode(digits);
    if (digits.length === 6) void verify(digits);
  }

  async function resend() {
    setError(null);
    setNotice(null);
    try {
      await backend.call('session.requestCode', { phone });
      setNotice('A new code is on its way.');
      setResendIn(RESEND_AFTER_SECONDS);
    } catch (err) {
      setError(errorText(err));
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (code.length === 6) void verify(code);
    else setError('The code has 6 digits.');
  }

  return (
    <form className="signin__form" onSubmit={submit} noValidate>
      <h2 className="signin__heading">Enter the code</h2>
      <p className="signin__lead">
        We sent a 6-digit code to <strong className="nowrap">{phone}</strong>.
      </p>
      <label className="field">
        <span className="field__label">6-digit code</span>
        <input
          ref={input}
          className="input input--code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="\d{6}"
          maxLength={12}
          value={code}
          onChange={(e) => onChange(e.target.value)}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          aria-invalid={error ? true : undefined}
          readOnly={busy}
          autoFocus
        />
        <span id={hintId} className="field__hint">
          The code expires after 10 minutes.
        </span>
      </label>
      <FormError message={error} id={errorId} />
      {notice && !error && (
        <p className="form-notice" role="status">
          {notice}
        </p>
      )}
      <button className="button button--primary button--block" type="submit" disabled={busy || code.length !== 6}>
        {busy ? 'Checking…' : 'Sign in'}
      </button>
      <div className="signin__links">
        <button type="button" className="link-button" onClick={onBack}>
          Use a different number
        </button>
        <button type="button" className="link-button" onClick={() => void resend()} disabled={resendIn > 0}>
          {resendIn > 0 ? `Send a new code in ${resendIn} s` : 'Send a new code'}
        </button>
      </div>
    </form>
  );
}
