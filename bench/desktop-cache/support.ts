import type { ChatView } from '@confab/api';
import type { Cache } from '@confab/desktop/core/cache/cache';
import { ftsString, parseQuery } from '@confab/desktop/core/cache/search/query';

/** One timed run: wall-clock and CPU milliseconds. */
export interface Timing {
  wall: number;
  cpu: number;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Twenty queries: very common and rare words, prefixes, word forms, phrases, accents, CJK. */
export const QUERIES = (rareWord: (n: number) => string): string[] => [
  'the',
  'you',
  'meeting',
  'counting',
  'happin',
  'tom',
  'co',
  rareWord(12345),
  `${rareWord(777)} dinner`,
  '"see you tomorrow"',
  '"budget review"',
  'cafe',
  'zurich',
  'Søren late',
  '你好',
  '会',
  '東京タワー',
  '会議',
  '预算需要',
  'example.com',
];

/** How many messages a query matches (counted on the index that drives it; not timed). */
export function countHits(cache: Cache, query: string): string {
  const parsed = parseQuery(query);
  if (!parsed) return '0';
  const count = (table: string, match: string) => cache.db.prepare(`SELECT count(*) FROM ${table} WHERE ${table} MATCH ?`).pluck().get(match) as number;
  if (parsed.words && parsed.substrings.length === 0) return count('search_words', `body : (${parsed.words})`).toLocaleString('en-US');
  if (!parsed.words && parsed.trigrams.length > 0 && parsed.bigrams.length === 0) return count('search_trigram', parsed.trigrams.map(ftsString).join(' AND ')).toLocaleString('en-US');
  if (!parsed.words && parsed.bigrams.length > 0 && parsed.trigrams.length === 0) return count('search_bigram', parsed.bigrams.map(ftsString).join(' AND ')).toLocaleString('en-US');
  return 'n/a';
}

export function chatViewFor(id: string, index: number): ChatView {
  const group = index % 5 === 0;
  return {
    id,
    kind: group ? 'group' : 'direct',
    title: group ? `Group ${index}` : `Friend ${index}`,
    description: null,
    avatarMediaId: null,
    peer: group ? null : { id: `user-${id}-0`, phone: null, name: `Friend ${index}`, about: '', avatarMediaId: null, deleted: false },
    role: 'member',
    readOnly: false,
    createdAt: '2023-12-01T00:00:00.000Z',
    lastSeq: 0,
    lastReadSeq: 0,
    unreadCount: 0,
    lastMessage: null,
    mutedUntil: null,
    hidden: false,
    disappearingSeconds: null,
    theme: null,
    background: null,
  };
}
