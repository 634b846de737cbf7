import { useId, useState } from 'react';
import { useMessenger } from '../../app/context';
import type { ChatView } from '../../lib/backend';
import { errorText } from '../../lib/error-text';
import { CHAT_BACKGROUNDS, CHAT_THEMES, DISAPPEARING } from './chat-themes';

const FOREVER = '9999-12-31T00:00:00.000Z';

/** Disappearing timer, mute, theme and background: each saved at once; chat.updated brings it back. */
export function ChatSettingsSection({ chat }: { chat: ChatView }) {
  const settings = useMessenger().backend.chatSettings;
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  if (!settings) return null;
  const run = (action: Promise<void>) => {
    setError(null);
    void action.catch((err: unknown) => setError(errorText(err)));
  };
  const muted = chat.mutedUntil !== null && new Date(chat.mutedUntil) > new Date();
  return (
    <section className="info-section" aria-label="Chat settings">
      <div className="info-field">
        <label htmlFor={`${id}-timer`}>Disappearing messages</label>
        <select
          id={`${id}-timer`}
          className="info-select"
          value={String(chat.disappearingSeconds ?? '')}
          onChange={(e) => run(settings.setDisappearing(chat.id, e.target.value ? Number(e.target.value) : null))}
        >
          {DISAPPEARING.map((d) => (
            <option key={d.label} value={String(d.seconds ?? '')}>
              {d.label}
            </option>
          ))}
        </select>
      </div>
      <div className="info-field">
        <label htmlFor={`${id}-mute`}>Mute notifications</label>
        <input id={`${id}-mute`} type="checkbox" role="switch" className="info-switch" checked={muted} onChange={(e) => run(settings.mute(chat.id, e.target.checked ? FOREVER : null))} />
      </div>
      <div className="info-field">
        <label htmlFor={`${id}-theme`}>Theme</label>
        <select id={`${id}-theme`} className="info-select" value={chat.theme ?? ''} onChange={(e) => run(settings.setTheme(chat.id, e.target.value || null))}>
          {CHAT_THEMES.map((t) => (
            <option key={t.label} value={t.id ?? ''}>
              {t.label}
            </option>
          ))}
        </select>
      </div>
      <div className="info-field">
        <label htmlFor={`${id}-bg`}>Background</label>
        <select id={`${id}-bg`} className="info-select" value={chat.backgroundColor ?? ''} onChange={(e) => run(settings.setBackground(chat.id, e.target.value || null))}>
          {CHAT_BACKGROUNDS.map((b) => (
            <option key={b.label} value={b.color ?? ''}>
              {b.label}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
