/**
 * Shortcuts as the server has them (packages/api emoticons/shortcut.ts): stored without colons,
 * in lower case, 2–32 letters, digits, `_`, `+` or `-`. The renderer may not import server code,
 * so the rule is restated here for the words shown before a round trip; the server still decides.
 */
const SHORTCUT_CHARS = '[\\p{L}\\p{N}_+-]';
export const SHORTCUT_MIN = 2;
export const SHORTCUT_MAX = 32;

/** `:party:` in message text, as the server finds it. */
export const SHORTCUT_IN_TEXT = new RegExp(`:(${SHORTCUT_CHARS}{${SHORTCUT_MIN},${SHORTCUT_MAX}}):`, 'gu');

/**
 * `:pa` being typed just before the caret: a colon at the start or after a space or an opening
 * bracket (so "10:30" and "http://" never open the list), then at least two shortcut characters
 * (so ":)" and ":D" stay smileys), and no closing colon yet.
 */
const TYPING_SHORTCUT = new RegExp(`(?:^|[\\s([{])(:(${SHORTCUT_CHARS}{${SHORTCUT_MIN},${SHORTCUT_MAX}}))$`, 'u');

/** The `:word` just before the caret: where it starts (at its colon) and what follows the colon. */
export interface ShortcutQuery {
  start: number;
  query: string;
}

export function shortcutQueryAt(text: string, caret: number): ShortcutQuery | null {
  const match = TYPING_SHORTCUT.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[1]!.length, query: match[2]! };
}

/** What the server will store for what was typed: no colons, trimmed, lower case. */
export function normaliseShortcut(typed: string): string {
  return typed.trim().replace(/^:|:$/g, '').toLocaleLowerCase();
}

/** Why this (normalised) shortcut would be refused, in the server's words; null when it is fine. */
export function shortcutProblem(shortcut: string): string | null {
  if (shortcut.length === 0) return 'Give the emoticon a shortcut, like party';
  if (shortcut.length < SHORTCUT_MIN) return `A shortcut is at least ${SHORTCUT_MIN} characters`;
  if (shortcut.length > SHORTCUT_MAX) return `A shortcut is at most ${SHORTCUT_MAX} characters`;
  if (!new RegExp(`^${SHORTCUT_CHARS}+$`, 'u').test(shortcut)) return 'A shortcut has letters, digits, _, + and - only (no spaces or colons)';
  return null;
}

/** A shortcut to suggest for a picked file: "Party Parrot.gif" → `party_parrot`. */
export function shortcutFromFileName(name: string): string {
  return name
    .replace(/\.[^.]*$/, '')
    .toLocaleLowerCase()
    .replace(/[^\p{L}\p{N}_+-]+/gu, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, SHORTCUT_MAX);
}

/** `party`, else `party-2`, `party-3`…: what the server picks when saving a sticker without a shortcut. */
export function freeShortcut(base: string, taken: (shortcut: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, SHORTCUT_MAX - suffix.length)}${suffix}`;
    if (!taken(candidate)) return candidate;
  }
}

/** Whether a refusal from the server is about the shortcut (malformed or taken), so it belongs beside that field. */
export function isShortcutRefusal(message: string): boolean {
  return /shortcut|already have/i.test(message);
}
