import { FormError } from '../../ui/FormError';
import { useId, useState } from 'react';
import { useMessenger } from '../../app/context';
import type { ChatView } from '../../lib/backend';
import { errorText } from '../../../../shared/errors';
import { CHAT_BACKGROUNDS, CHAT_THEMES, DISAPPEARING } from './chat-themes';

const FOREVER = '9999-12-31T00:00:00.000Z';
const HOUR = 3_600_000;

/** How long to mute, as WhatsApp offers it; "Always" is a date far away. */
const MUTE_FOR = [
  { value: '8h', label: '8 hours', ms: 8 * HOUR },
  { value: '1w', label: '1 week', ms: 7 * 24 * HOUR },
  { value: 'always', label: 'Always', ms: null },
] as const;

/** The muted state as the select shows it: off, always, or until a time (shown as it is). */
function muteLabel(until: string | null): { value: string; label: string | null } {
  if (!until || new Date(until) <= new Date()) return { value: 'off', label: null };
  if (until >= '9999') return { value: 'always', label: null };
  const end = new Date(until);
  const time = end.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  const sameDay = end.toDateString() === new Date().toDateString();
  const day = end.toLocaleDateString(undefined, end.getTime() - Date.now() < 6 * 24 * HOUR ? { weekday: 'short' } : { day: 'numeric', month: 'short' });
  return { value: 'until', label: `Until ${sameDay ? time : `${day} ${time}`}` };
}

/** Disappearing timer, mute, theme and background: each saved at once; chat.updated brings it back. */
export function ChatSettingsSection({ chat }: { chat: ChatView }) {
  const { call } = useMessenger().backend;
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const run = (action: Promise<unknown>) => {
    setError(null);
    void action.catch((err: unknown) => setError(errorText(err)));
  };
  const mute = muteLabel(chat.mutedUntil);
  const muteFor = (value: string) => {
    const choice = MUTE_FOR.find((m) => m.value === value);
    if (value === 'off') return run(call('chats.mute', { chatId: chat.id, until: null }));
    if (choice) run(call('chats.mute', { chatId: chat.id, until: choice.ms === null ? FOREVER : new Date(Date.now() + choice.ms).toISOString() }));
  };
  return (
    <section className="info-section" aria-label="Chat settings">
      <div className="info-field">
        <label htmlFor={`${id}-timer`}>Disappearing messages</label>
        <select
          id={`${id}-timer`}
          className="info-select"
          value={String(chat.disappearingSeconds ?? '')}
          onChange={(e) => run(call('chats.setDisappearing', { chatId: chat.id, seconds: e.target.value ? Number(e.target.value) : null }))}
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
        <select id={`${id}-mute`} className="info-select" value={mute.value} onChange={(e) => muteFor(e.target.value)}>
          <option value="off">Off</option>
          {mute.label && (
            <option value="until" disabled>
              {mute.label}
            </option>
          )}
          {MUTE_FOR.map((m) => (
            <option key={m.value} value={m.value}>
              {m.label}
            </option>
          ))}
        </select>
      </div>
      <div className="info-field">
        <label htmlFor={`${id}-theme`}>Theme</label>
        <select id={`${id}-theme`} className="info-select" value={chat.theme ?? ''} onChange={(e) => run(call('chats.setTheme', { chatId: chat.id, theme: e.target.value || null }))}>
          {CHAT_THEMES.map((t) => (
            <option key={t.label} value={t.id ?? ''}>
              {t.label}
            </option>
          ))}
        </select>
      </div>
      <div className="info-field">
        <label htmlFor={`${id}-bg`}>Background</label>
        <select id={`${id}-bg`} className="info-select" value={chat.backgroundColor ?? ''} onChange={(e) => run(call('chats.setBackground', e.target.value ? { chatId: chat.id, color: e.target.value } : { chatId: chat.id }))}>
          {CHAT_BACKGROUNDS.map((b) => (
            <option key={b.label} value={b.color ?? ''}>
              {b.label}
            </option>
          ))}
        </select>
      </div>
      <FormError message={error} />
    </section>
  );
}
