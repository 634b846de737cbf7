import { useEffect, useId, useState } from 'react';
import { useBackend } from '../../app/context';
import { errorText } from '../../../../shared/errors';
import type { InputOf } from '../../../../shared/procedures/index';
import { Spinner } from '../../ui/Spinner';
import { PRIVACY_ROWS, type Privacy, type PrivacyRow } from './privacy-rows';

/** Who sees what of me: one labelled choice per setting, saved as soon as it changes. */
export function PrivacyPage() {
  const backend = useBackend();
  const [privacy, setPrivacy] = useState<Privacy | null>(null);
  const [status, setStatus] = useState<{ kind: 'error' | 'saved'; text: string } | null>(null);

  useEffect(() => {
    let live = true;
    backend
      .call('settings.get')
      .then((s) => live && setPrivacy(s.privacy))
      .catch((err: unknown) => live && setStatus({ kind: 'error', text: errorText(err) }));
    const off = backend.onEvent((event) => {
      if (event.type === 'settings.updated') setPrivacy(event.settings.privacy);
    });
    return () => {
      live = false;
      off();
    };
  }, [backend]);

  async function choose(row: PrivacyRow, value: string) {
    setStatus(null);
    try {
      const settings = await backend.call('settings.update', { privacy: { [row.field]: value } as InputOf<'settings.update'>['privacy'] });
      setPrivacy(settings.privacy);
      setStatus({ kind: 'saved', text: `${row.label}: ${row.options.find((o) => o.value === value)?.label ?? value}.` });
    } catch (err) {
      setStatus({ kind: 'error', text: errorText(err) });
    }
  }

  if (!privacy) return status ? <p className="form-error" role="alert">{status.text}</p> : <Spinner label="Loading privacy settings" />;
  return (
    <div className="settings-page">
      <p className="muted">“My contacts” means people in your contacts list.</p>
      <ul className="settings-rows">
        {PRIVACY_ROWS.map((row) => (
          <PrivacyChoice key={row.field} row={row} value={privacy[row.field] as string} onChoose={(value) => void choose(row, value)} />
        ))}
      </ul>
      <p className={status?.kind === 'error' ? 'form-error' : 'form-notice'} role={status?.kind === 'error' ? 'alert' : 'status'}>
        {status?.text}
      </p>
    </div>
  );
}

function PrivacyChoice({ row, value, onChoose }: { row: PrivacyRow; value: string; onChoose(value: string): void }) {
  const id = useId();
  return (
    <li className="settings-row">
      <div className="settings-row__text">
        <label htmlFor={id} className="settings-row__label">
          {row.label}
        </label>
        <span className="settings-row__hint" id={`${id}-hint`}>
          {row.hint}
        </span>
      </div>
      <select id={id} className="input settings-row__select" value={value} aria-describedby={`${id}-hint`} onChange={(e) => onChoose(e.target.value)}>
        {row.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </li>
  );
}
