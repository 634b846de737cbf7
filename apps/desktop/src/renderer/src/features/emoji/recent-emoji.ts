/** The emoji I picked last, first in the picker; and my skin tone. Kept on this device. */
const RECENT_KEY = 'confab.emoji.recent';
const TONE_KEY = 'confab.emoji.tone';
const MAX_RECENT = 24;

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // storage off or full: the picker still works, it just forgets
  }
}

export function recentEmoji(): string[] {
  try {
    const list: unknown = JSON.parse(read(RECENT_KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((e): e is string => typeof e === 'string').slice(0, MAX_RECENT) : [];
  } catch {
    return [];
  }
}

export function rememberEmoji(emoji: string): void {
  write(RECENT_KEY, JSON.stringify([emoji, ...recentEmoji().filter((e) => e !== emoji)].slice(0, MAX_RECENT)));
}

/** 0 = no tone (the yellow default), 1–5 = light to dark. */
export function skinTone(): number {
  const tone = Number(read(TONE_KEY));
  return Number.isInteger(tone) && tone >= 0 && tone <= 5 ? tone : 0;
}

export function setSkinTone(tone: number): void {
  write(TONE_KEY, String(tone));
}
