export type ThemeChoice = 'light' | 'dark' | 'system';

const KEY = 'confab.theme';
const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

export function storedTheme(): ThemeChoice {
  try {
    const value = window.localStorage.getItem(KEY);
    return value === 'light' || value === 'dark' || value === 'system' ? value : 'system';
  } catch {
    return 'system';
  }
}

export function storeTheme(choice: ThemeChoice): void {
  try {
    window.localStorage.setItem(KEY, choice);
  } catch {
    // Private windows may refuse storage; the choice then lasts for this visit.
  }
  applyTheme(choice);
}

/** Sets data-theme on <html>; the CSS variables for each theme hang off it. */
export function applyTheme(choice: ThemeChoice = storedTheme()): void {
  const resolved = choice === 'system' ? (darkQuery().matches ? 'dark' : 'light') : choice;
  document.documentElement.dataset.theme = resolved;
  document.documentElement.dataset.themeChoice = choice;
}

/** Follows the operating system while the choice is "system". */
export function watchSystemTheme(): () => void {
  const query = darkQuery();
  const onChange = () => {
    if (storedTheme() === 'system') applyTheme('system');
  };
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
