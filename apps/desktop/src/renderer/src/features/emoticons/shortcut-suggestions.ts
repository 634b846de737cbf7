import { searchEmoji, type Emoji, type EmojiGroup } from '../emoji/emoji-data';

export const MAX_SUGGESTIONS = 8;

export interface CustomShortcut {
  shortcut: string;
  mediaId: string;
}

export type Suggestion<E extends CustomShortcut = CustomShortcut> =
  | { kind: 'custom'; shortcut: string; emoticon: E }
  | { kind: 'emoji'; shortcut: string; emoji: string; label: string };

/**
 * The suggestions for `:query`: my own emoticons first (a shortcut starting with the query before
 * one merely containing it, then shorter first), then standard emoji by name or tag (an exact
 * word of the name before a tag before a prefix; `thumbs_up` finds "thumbs up"), at most `limit` in all.
 */
export function shortcutSuggestions<E extends CustomShortcut>(query: string, mine: readonly E[], emojiGroups: EmojiGroup[] | null, limit = MAX_SUGGESTIONS): Suggestion<E>[] {
  const q = query.toLocaleLowerCase();
  if (q.length === 0) return [];
  const custom = mine
    .map((emoticon) => ({ emoticon, at: emoticon.shortcut.indexOf(q) }))
    .filter((c) => c.at >= 0)
    .sort((a, b) => Number(a.at !== 0) - Number(b.at !== 0) || a.emoticon.shortcut.length - b.emoticon.shortcut.length || a.emoticon.shortcut.localeCompare(b.emoticon.shortcut))
    .slice(0, limit)
    .map(({ emoticon }): Suggestion<E> => ({ kind: 'custom', shortcut: emoticon.shortcut, emoticon }));
  if (!emojiGroups || custom.length >= limit) return custom;

  const terms = q.split(/[_\s]+/).filter(Boolean);
  const typed = terms.join(' ');
  const last = terms[terms.length - 1] ?? q;
  const found = searchEmoji(emojiGroups, typed)
    .map((e, i) => ({ e, i, score: emojiScore(e, typed, last) }))
    // Among equals the shorter name (the plainer emoji), then Unicode's own order.
    .sort((a, b) => a.score - b.score || a.e.label.length - b.e.label.length || a.i - b.i)
    .slice(0, limit - custom.length)
    .map(({ e }): Suggestion<E> => ({ kind: 'emoji', shortcut: shortcutOf(e.label), emoji: e.emoji, label: e.label }));
  return [...custom, ...found];
}

/**
 * 0: its name is what was typed; 1: a word of its name is; 2: one of its tags is; 3: a word of
 * its name starts so; 4: only a tag starts so (`:pa` finds 🎉 party popper before 🥧 pie, a "pastry").
 */
function emojiScore(e: Emoji, typed: string, last: string): number {
  const label = e.label.toLocaleLowerCase();
  if (label === typed) return 0;
  const words = label.split(/[\s:,]+/);
  if (words.includes(last)) return 1;
  if (e.words.includes(last)) return 2;
  return words.some((w) => w.startsWith(last)) ? 3 : 4;
}

/** "thumbs up" → `thumbs_up`, the name a standard emoji is listed under. */
function shortcutOf(label: string): string {
  return label
    .toLocaleLowerCase()
    .replace(/[^\p{L}\p{N}+-]+/gu, '_')
    .replace(/^_|_$/g, '');
}

/** What picking a suggestion puts in the text: my emoticon as `:shortcut:`, a standard emoji as itself. */
export function insertionOf(suggestion: Suggestion): string {
  return suggestion.kind === 'custom' ? `:${suggestion.shortcut}: ` : `${suggestion.emoji} `;
}
