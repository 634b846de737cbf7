import { SHORTCUT_IN_TEXT } from '../emoticons/shortcut';

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]}]/gi;

/** A person a message @-mentions, by the name its text shows; `me` when it is the reader. */
export interface MentionName {
  name: string;
  me: boolean;
}

/** A custom emoticon a message carries (`meta.emoticons`), drawn where its `:shortcut:` is. */
export interface InlineEmoticon {
  shortcut: string;
  mediaId: string;
}

export type TextPart = { text: string } | { text: string; href: string } | { text: string; mention: MentionName } | { text: string; emoticon: InlineEmoticon };

/**
 * Splits message text into plain runs, web addresses (http/https only), "@Name" mentions of
 * the people listed and `:shortcut:` of the emoticons listed (by shortcut, lower case) — only
 * them: an "@" before any other word, or any other `:word:`, stays text.
 */
export function textParts(text: string, mentions: readonly MentionName[] = [], emoticons: Readonly<Record<string, InlineEmoticon>> = {}): TextPart[] {
  const parts: TextPart[] = [];
  const plain = (run: string) => mentionParts(run, mentions).flatMap((part) => ('mention' in part ? [part] : emoticonParts(part.text, emoticons)));
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    if (start > last) parts.push(...plain(text.slice(last, start)));
    parts.push({ text: match[0], href: match[0] });
    last = start + match[0].length;
  }
  if (last < text.length) parts.push(...plain(text.slice(last)));
  return parts;
}

function emoticonParts(text: string, emoticons: Readonly<Record<string, InlineEmoticon>>): TextPart[] {
  if (!text.includes(':') || Object.keys(emoticons).length === 0) return [{ text }];
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(SHORTCUT_IN_TEXT)) {
    const emoticon = Object.hasOwn(emoticons, match[1]!.toLocaleLowerCase()) ? emoticons[match[1]!.toLocaleLowerCase()] : undefined;
    if (!emoticon) continue;
    if (match.index > last) parts.push({ text: text.slice(last, match.index) });
    parts.push({ text: match[0], emoticon });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

function mentionParts(text: string, mentions: readonly MentionName[]): TextPart[] {
  const byName = new Map(mentions.filter((m) => m.name).map((m) => [m.name.toLocaleLowerCase(), m]));
  if (byName.size === 0) return [{ text }];
  // Longest first, so "@Ana Alves" wins over "@Ana"; a name ends where a word would.
  const names = [...byName.values()].map((m) => m.name).sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])@(${names.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index) });
    parts.push({ text: match[0], mention: byName.get(match[1]!.toLocaleLowerCase())! });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
