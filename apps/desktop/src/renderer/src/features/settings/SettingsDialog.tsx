import { LogOut, Monitor, Moon, Sun } from 'lucide-react';
import { useState } from 'react';
import { useBackend } from '../../app/context';
import { storedTheme, storeTheme, type ThemeChoice } from '../../lib/theme';
import { Dialog } from '../../ui/Dialog';
import { NotificationPreferences } from './NotificationPreferences';

const THEMES: { value: ThemeChoice; label: string; icon: typeof Sun }[] = [
  { value: 'light', label: 'Light', icon: Sun },
  { value: 'dark', label: 'Dark', icon: Moon },
  { value: 'system', label: 'System', icon: Monitor },
];

export function SettingsDialog({ onClose, onSignedOut }: { onClose(): void; onSignedOut(): void }) {
  const backend = useBackend();
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
    <Dialog title="Settings" onClose={onClose}>
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
      <NotificationPreferences />
      <div className="settings__section">
        <h3 className="settings__heading">Account</h3>
        <p className="muted">{backend.kind === 'web' ? 'This browser tab keeps you signed in until you close it.' : 'This device keeps you signed in.'}</p>
        <button type="button" className="button button--danger" onClick={() => void signOut()} disabled={signingOut}>
          <LogOut aria-hidden="true" />
          {signingOut ? 'Signing out…' : 'Sign out'}
        </button>
      </div>
    </Dialog>
  );
}
