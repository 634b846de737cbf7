const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]}]/gi;

/** A person a message @-mentions, by the name its text shows; `me` when it is the reader. */
export interface MentionName {
  name: string;
  me: boolean;
}

export type TextPart = { text: string } | { text: string; href: string } | { text: string; mention: MentionName };

/**
 * Splits message text into plain runs, web addresses (http/https only) and "@Name" mentions of
 * the people listed — only them: an "@" before any other word stays text.
 */
export function textParts(text: string, mentions: readonly MentionName[] = []): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    if (start > last) parts.push(...mentionParts(text.slice(last, start), mentions));
    parts.push({ text: match[0], href: match[0] });
    last = start + match[0].length;
  }
  if (last < text.length) parts.push(...mentionParts(text.slice(last), mentions));
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
