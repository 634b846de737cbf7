import { ChevronRight, LogOut, Monitor, Moon, Sun } from 'lucide-react';
import { useState } from 'react';
import { useBackend } from '../../app/context';
import { useMessengerState } from '../../app/use-messenger-state';
import { storedTheme, storeTheme, type ThemeChoice } from '../../lib/theme';
import { Avatar } from '../../ui/Avatar';
import type { SettingsSection } from './settings-sections';

const THEMES: { value: ThemeChoice; label: string; icon: typeof Sun }[] = [
  { value: 'light', label: 'Light', icon: Sun },
  { value: 'dark', label: 'Dark', icon: Moon },
  { value: 'system', label: 'System', icon: Monitor },
];

/** The first page of Settings: me, the sections, the theme and signing out. */
export function SettingsHome({ sections, onOpen, onSignedOut }: { sections: SettingsSection[]; onOpen(id: string): void; onSignedOut(): void }) {
  const backend = useBackend();
  const me = useMessengerState((s) => s.me);
  const [theme, setTheme] = useState<ThemeChoice>(storedTheme);
  const [signingOut, setSigningOut] = useState(false);

  function choose(value: ThemeChoice) {
    setTheme(value);
    storeTheme(value);
  }

  async function signOut() {
    setSigningOut(true);
    await backend.call('session.signOut');
    onSignedOut();
  }

  return (
    <>
      {me && (
        <button type="button" className="settings-me" onClick={() => onOpen('profile')} data-section="profile-card">
          <Avatar id={me.id} name={me.name || me.phone || ''} mediaId={me.avatarMediaId} size="lg" />
          <span className="settings-me__text">
            <span className="settings-me__name">{me.name || me.phone}</span>
            <span className="settings-me__about">{me.about || 'Add a few words about yourself'}</span>
          </span>
          <ChevronRight aria-hidden="true" />
        </button>
      )}
      <nav aria-label="Settings sections">
        <ul className="settings-nav">
          {sections.map(({ id, label, hint, icon: Icon, danger }) => (
            <li key={id}>
              <button type="button" className={`settings-nav__item${danger ? ' is-danger' : ''}`} onClick={() => onOpen(id)} data-section={id}>
                <Icon className="settings-nav__icon" aria-hidden="true" />
                <span className="settings-nav__text">
                  <span className="settings-nav__label">{label}</span>
                  <span className="settings-nav__hint">{hint}</span>
                </span>
                <ChevronRight className="settings-nav__chevron" aria-hidden="true" />
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <fieldset className="fieldset">
        <legend className="field__label">Theme</legend>
        <div className="segmented">
          {THEMES.map(({ value, label, icon: Icon }) => (
            <label key={value} className={`segmented__option${theme === value ? ' is-selected' : ''}`}>
              <input type="radio" name="theme" value={value} checked={theme === value} onChange={() => choose(value)} className="sr-only" />
              <Icon aria-hidden="true" />
              {label}
            </label>
          ))}
        </div>
        <p className="field__hint">System follows your device’s light or dark setting.</p>
      </fieldset>
      <div className="settings__section">
        <h3 className="settings__heading">Account</h3>
        <p className="muted">{backend.kind === 'web' ? 'This browser tab keeps you signed in until you close it.' : 'This device keeps you signed in.'}</p>
        <button type="button" className="button button--danger" onClick={() => void signOut()} disabled={signingOut}>
          <LogOut aria-hidden="true" />
          {signingOut ? 'Signing out…' : 'Sign out'}
        </button>
      </div>
    </>
  );
}
