/**
 * The emoji the picker offers, from Unicode's own list (emojibase-data, English names and
 * search tags), loaded on first open as a separate chunk. Only emoji up to the version the
 * bundled colour font draws are offered, so none shows as an empty box.
 */
export interface Emoji {
  emoji: string;
  label: string;
  /** Search words: the name's words and Unicode's tags. */
  words: string[];
  /** The five skin tones, light to dark, where the emoji has them. */
  skins?: string[];
}

export interface EmojiGroup {
  id: number;
  label: string;
  /** The tab's picture. */
  icon: string;
  emojis: Emoji[];
}

/** Noto Color Emoji 2.042 (Debian 12, and Chromium's own) covers Emoji 15.0. */
const NEWEST_DRAWN = 15;

const GROUPS: Record<number, { label: string; icon: string }> = {
  0: { label: 'Smileys & emotion', icon: '😀' },
  1: { label: 'People & body', icon: '👋' },
  3: { label: 'Animals & nature', icon: '🐻' },
  4: { label: 'Food & drink', icon: '🍔' },
  5: { label: 'Travel & places', icon: '🚗' },
  6: { label: 'Activities', icon: '⚽' },
  7: { label: 'Objects', icon: '💡' },
  8: { label: 'Symbols', icon: '❤️' },
  9: { label: 'Flags', icon: '🏳️' },
};

let loading: Promise<EmojiGroup[]> | null = null;

export function loadEmojiGroups(): Promise<EmojiGroup[]> {
  loading ??= import('emojibase-data/en/data.json').then(({ default: data }) => {
    const groups = new Map<number, EmojiGroup>();
    for (const entry of [...data].sort((a, b) => (a.order ?? 0) - (b.order ?? 0))) {
      const meta = entry.group === undefined ? undefined : GROUPS[entry.group];
      if (!meta || entry.version > NEWEST_DRAWN) continue;
      let group = groups.get(entry.group!);
      if (!group) groups.set(entry.group!, (group = { id: entry.group!, ...meta, emojis: [] }));
      const skins = entry.skins?.filter((s) => !Array.isArray(s.tone) && s.version <= NEWEST_DRAWN).map((s) => s.emoji);
      group.emojis.push({
        emoji: entry.emoji,
        label: entry.label,
        words: [...entry.label.toLowerCase().split(/[\s:,]+/), ...(entry.tags ?? [])],
        skins: skins?.length === 5 ? skins : undefined,
      });
    }
    return [...groups.values()].sort((a, b) => a.id - b.id);
  });
  return loading;
}

/** Emoji whose name or tags start with every word typed ("red heart", "thumbs up"). */
export function searchEmoji(groups: EmojiGroup[], query: string, limit = 200): Emoji[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [];
  const found: Emoji[] = [];
  for (const group of groups) {
    for (const e of group.emojis) {
      if (terms.every((t) => e.words.some((w) => w.startsWith(t)))) found.push(e);
      if (found.length >= limit) return found;
    }
  }
  return found;
}
