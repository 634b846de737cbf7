import { useId, useState, type FormEvent } from 'react';
import { errorText } from '../../../../shared/errors';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { FormError } from '../../ui/FormError';

interface LabelsDialogProps {
  /** "Labels for Ben": what is being labelled. */
  title: string;
  current: readonly string[];
  /** Labels already in use elsewhere, offered as checkboxes. */
  known: readonly string[];
  onSave(labels: string[]): Promise<void>;
  onClose(): void;
}

const MAX_LABELS = 20;
const MAX_LENGTH = 32;
const key = (label: string) => label.toLocaleLowerCase();

/**
 * My personal labels on a chat or a contact (only I see them; the chat list's chips filter by
 * them): tick the ones in use, or type a new one.
 */
export function LabelsDialog({ title, current, known, onSave, onClose }: LabelsDialogProps) {
  const [picked, setPicked] = useState<string[]>([...current]);
  const [fresh, setFresh] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = { fresh: useId(), error: useId() };
  const offered = dedupe([...known, ...current]);
  const isPicked = (label: string) => picked.some((p) => key(p) === key(label));

  function toggle(label: string) {
    setPicked((list) => (isPicked(label) ? list.filter((p) => key(p) !== key(label)) : [...list, label]));
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    const labels = dedupe([...picked, ...(fresh.trim() ? [fresh.trim()] : [])]);
    if (labels.length > MAX_LABELS) return setError(`At most ${MAX_LABELS} labels.`);
    setBusy(true);
    setError(null);
    try {
      await onSave(labels);
      onClose();
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  return (
    <Dialog title={title} onClose={onClose} description="Only you see your labels. Filter your chats by them above the chat list.">
      <form className="stack" onSubmit={save} noValidate>
        {offered.length > 0 && (
          <fieldset className="labels-dialog__known">
            <legend className="field__label">Your labels</legend>
            {offered.map((label) => (
              <label key={key(label)} className="labels-dialog__option">
                <input type="checkbox" checked={isPicked(label)} onChange={() => toggle(label)} />
                <span>{label}</span>
              </label>
            ))}
          </fieldset>
        )}
        <label className="field" htmlFor={ids.fresh}>
          <span className="field__label">New label</span>
          <input
            id={ids.fresh}
            className="input"
            value={fresh}
            maxLength={MAX_LENGTH}
            placeholder="Work, Family…"
            onChange={(e) => setFresh(e.target.value.replace(/[\r\n]/g, ''))}
            aria-describedby={error ? ids.error : undefined}
            autoFocus={offered.length === 0}
          />
        </label>
        <FormError id={ids.error} message={error} />
        <DialogActions onCancel={onClose}>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save labels'}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** Case-insensitive duplicates dropped, the first spelling kept (as the server stores them). */
function dedupe(labels: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const label of labels) if (label.trim() && !seen.has(key(label.trim()))) seen.set(key(label.trim()), label.trim());
  return [...seen.values()];
}
