import { useId, type Ref } from 'react';
import { normaliseShortcut, SHORTCUT_MAX } from './shortcut';

interface ShortcutFieldProps {
  value: string;
  onChange(value: string): void;
  onBlur?(): void;
  /** Why the server (or the check before it) refuses this shortcut; shown instead of the hint. */
  error: string | null;
  disabled?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  autoFocus?: boolean;
}

/** The `:shortcut:` field of a new emoticon (made from an image, or saved from a message). */
export function ShortcutField({ value, onChange, onBlur, error, disabled = false, inputRef, autoFocus = false }: ShortcutFieldProps) {
  const ids = { input: useId(), hint: useId(), error: useId() };
  return (
    <div className="field">
      <label className="field__label" htmlFor={ids.input}>
        Shortcut
      </label>
      <div className={`emoticon-shortcut${error ? ' is-invalid' : ''}`}>
        <span aria-hidden="true">:</span>
        <input
          ref={inputRef}
          id={ids.input}
          className="emoticon-shortcut__input"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onBlur={onBlur}
          placeholder="party"
          maxLength={SHORTCUT_MAX + 2}
          autoComplete="off"
          spellCheck={false}
          disabled={disabled}
          autoFocus={autoFocus}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? ids.error : ids.hint}
        />
        <span aria-hidden="true">:</span>
      </div>
      {error ? (
        <p id={ids.error} className="form-error" role="alert">
          {error}
        </p>
      ) : (
        <p id={ids.hint} className="field__hint">
          Type it between colons in any chat, like :{normaliseShortcut(value) || 'party'}:. Letters, digits, _, + and -.
        </p>
      )}
    </div>
  );
}
