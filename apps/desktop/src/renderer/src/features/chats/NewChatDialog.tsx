import { DialogActions } from '../../ui/DialogActions';
import { FormError } from '../../ui/FormError';
import { useId, useState, type FormEvent } from 'react';
import { useMessenger } from '../../app/context';
import { errorText } from '../../../../shared/errors';
import { Dialog } from '../../ui/Dialog';

type Mode = 'phone' | 'qr';

/** Start a 1:1 chat: by phone number (users.lookup) or by someone's QR code token (users.byQr). */
export function NewChatDialog({ onClose }: { onClose(): void }) {
  const messenger = useMessenger();
  const [mode, setMode] = useState<Mode>('phone');
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = { phoneTab: useId(), qrTab: useId(), panel: useId(), hint: useId(), error: useId() };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!value.trim() || busy) return;
    setBusy(true);
    setError(null);
    try {
      if (mode === 'phone') await messenger.startChatByPhone(value.trim());
      else await messenger.startChatByQr(value.trim());
      onClose();
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  function switchTo(next: Mode) {
    setMode(next);
    setValue('');
    setError(null);
  }

  return (
    <Dialog title="New chat" onClose={onClose}>
      <div className="tabs" role="tablist" aria-label="Find someone by">
        <button type="button" role="tab" id={ids.phoneTab} aria-selected={mode === 'phone'} aria-controls={ids.panel} className="tabs__tab" onClick={() => switchTo('phone')}>
          Phone number
        </button>
        <button type="button" role="tab" id={ids.qrTab} aria-selected={mode === 'qr'} aria-controls={ids.panel} className="tabs__tab" onClick={() => switchTo('qr')}>
          QR code
        </button>
      </div>
      <form id={ids.panel} role="tabpanel" aria-labelledby={mode === 'phone' ? ids.phoneTab : ids.qrTab} className="stack" onSubmit={submit} noValidate>
        <label className="field">
          <span className="field__label">{mode === 'phone' ? 'Their phone number' : 'QR code'}</span>
          <input
            key={mode}
            className="input"
            type={mode === 'phone' ? 'tel' : 'text'}
            inputMode={mode === 'phone' ? 'tel' : 'text'}
            autoComplete="off"
            name={mode === 'phone' ? 'phone' : 'qr'}
            placeholder={mode === 'phone' ? '+44 20 7946 0958' : 'Paste the code or link'}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-describedby={error ? `${ids.hint} ${ids.error}` : ids.hint}
            aria-invalid={error ? true : undefined}
            autoFocus
          />
          <span id={ids.hint} className="field__hint">
            {mode === 'phone'
              ? 'International format: a + and the country code, then the number.'
              : 'Ask them to open Profile → QR code and share the code under it with you.'}
          </span>
        </label>
        <FormError message={error} id={ids.error} />
        <DialogActions onCancel={onClose}>
          <button type="submit" className="button button--primary" disabled={busy || !value.trim()}>
            {busy ? 'Looking…' : 'Start chat'}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
