import { QrCode } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { useMessenger } from '../../app/context';
import { errorText } from '../../../../shared/errors';
import { FormError } from '../../ui/FormError';

/** Start a 1:1 chat from someone's QR code token or link (`users.byQr`): the other way to find someone. */
export function QrCodeForm({ onStarted }: { onStarted(): void }) {
  const messenger = useMessenger();
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = { input: useId(), hint: useId(), error: useId() };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!value.trim() || busy) return;
    setBusy(true);
    setError(null);
    try {
      await messenger.startChatByQr(value.trim());
      onStarted();
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  return (
    <section className="add-contact" aria-label="Chat by QR code">
      <form className="add-contact__form" onSubmit={submit} noValidate>
        <label className="field add-contact__field" htmlFor={ids.input}>
          <span className="field__label">QR code</span>
          <input
            id={ids.input}
            className="input"
            type="text"
            autoComplete="off"
            placeholder="Paste the code or link"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-describedby={error ? `${ids.hint} ${ids.error}` : ids.hint}
            aria-invalid={error ? true : undefined}
          />
          <span id={ids.hint} className="field__hint">
            Ask them to open Profile → QR code and share the code under it with you.
          </span>
        </label>
        <button type="submit" className="button" disabled={busy || !value.trim()}>
          <QrCode aria-hidden="true" />
          {busy ? 'Looking…' : 'Start chat'}
        </button>
      </form>
      <FormError id={ids.error} message={error} />
    </section>
  );
}
