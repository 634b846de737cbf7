import { DialogActions } from '../../ui/DialogActions';
import { FormError } from '../../ui/FormError';
import { Plus, X } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { useBackend } from '../../app/context';
import { errorText } from '../../../../shared/errors';
import { Dialog } from '../../ui/Dialog';

const MIN_OPTIONS = 2;
const MAX_OPTIONS = 12;

/** Question, 2–12 options, one or several answers → polls.create in this chat. */
export function PollComposerDialog({ chatId, onClose }: { chatId: string; onClose(): void }) {
  const backend = useBackend();
  const [question, setQuestion] = useState('');
  const [options, setOptions] = useState<string[]>(['', '']);
  const [multiple, setMultiple] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = { question: useId(), multiple: useId() };
  const filled = options.map((o) => o.trim()).filter(Boolean);
  const ready = question.trim() !== '' && filled.length >= MIN_OPTIONS;

  function setOption(index: number, value: string) {
    setOptions((list) => {
      const next = list.map((o, i) => (i === index ? value : o));
      // A new empty line appears once the last one is used, up to the limit.
      if (index === next.length - 1 && value.trim() && next.length < MAX_OPTIONS) next.push('');
      return next;
    });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    setError(null);
    try {
      await backend.call('polls.create', { chatId, question: question.trim(), options: filled, multipleAnswers: multiple, clientId: crypto.randomUUID() });
      onClose();
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  return (
    <Dialog title="Create poll" onClose={onClose}>
      <form className="stack poll-form" onSubmit={submit} noValidate>
        <label className="field" htmlFor={ids.question}>
          <span className="field__label">Question</span>
          <input id={ids.question} className="input" value={question} maxLength={300} onChange={(e) => setQuestion(e.target.value)} autoFocus />
        </label>
        <fieldset className="poll-form__options">
          <legend className="field__label">Options</legend>
          {options.map((option, index) => (
            <div key={index} className="poll-form__option">
              <input className="input" aria-label={`Option ${index + 1}`} placeholder={index < MIN_OPTIONS ? `Option ${index + 1}` : 'Add option'} value={option} maxLength={100} onChange={(e) => setOption(index, e.target.value)} />
              {options.length > MIN_OPTIONS && (
                <button type="button" className="icon-button icon-button--small" aria-label={`Remove option ${index + 1}`} onClick={() => setOptions((l) => l.filter((_, i) => i !== index))}>
                  <X aria-hidden="true" />
                </button>
              )}
            </div>
          ))}
          {options.length < MAX_OPTIONS && options.every((o) => o.trim()) && (
            <button type="button" className="button button--ghost button--small" onClick={() => setOptions((l) => [...l, ''])}>
              <Plus aria-hidden="true" /> Add option
            </button>
          )}
        </fieldset>
        <label className="check" htmlFor={ids.multiple}>
          <input id={ids.multiple} type="checkbox" checked={multiple} onChange={(e) => setMultiple(e.target.checked)} />
          <span>Allow multiple answers</span>
        </label>
        <FormError message={error} />
        <DialogActions onCancel={onClose}>
          <button type="submit" className="button button--primary" disabled={!ready || busy}>
            {busy ? 'Sending…' : 'Send poll'}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
