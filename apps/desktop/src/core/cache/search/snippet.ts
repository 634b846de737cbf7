import type { Database, Statement } from 'better-sqlite3';
import type { SnippetSegment } from '../../types.js';
import type { ParsedQuery } from './query.js';
import { wordIndexText } from './scripts.js';

interface Range {
  start: number;
  end: number;
}

const OPEN = '\u0002';
const CLOSE = '\u0003';

/**
 * Finds what matched in a page of results. Word matches are found by FTS5 itself: the page's
 * texts go into a small temporary table with the same tokenizer and `highlight()` marks the
 * tokens the query matched (stemmed forms, prefixes, folded accents), exactly as the index
 * did. The marks are control characters that cannot come from message text (wordIndexText
 * turns them into spaces), and the result is returned as segments, never as markup.
 */
export class Highlighter {
  private readonly clear: Statement;
  private readonly insert: Statement;
  private readonly highlight: Statement;

  constructor(private readonly db: Database) {
    db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_highlight USING fts5(body, tokenize='porter unicode61 remove_diacritics 2')`);
    this.clear = db.prepare('DELETE FROM temp.search_highlight');
    this.insert = db.prepare('INSERT INTO temp.search_highlight(rowid, body) VALUES (?, ?)');
    this.highlight = db.prepare(`SELECT rowid AS tk, highlight(search_highlight, 0, char(2), char(3)) AS marked FROM temp.search_highlight WHERE search_highlight MATCH ?`);
  }

  snippets(rows: readonly { tk: number; text: string }[], query: ParsedQuery): Map<number, SnippetSegment[]> {
    const ranges = new Map<number, Range[]>(rows.map((r) => [r.tk, substringRanges(r.text, query.substrings)]));
    if (query.words && rows.length > 0) {
      const marked = this.db.transaction(() => {
        this.clear.run();
        for (const row of rows) this.insert.run(row.tk, wordIndexText(row.text));
        const result = this.highlight.all(query.words) as { tk: number; marked: string }[];
        this.clear.run();
        return result;
      })();
      for (const { tk, marked: text } of marked) ranges.get(tk)?.push(...markedRanges(text));
    }
    return new Map(rows.map((r) => [r.tk, buildSnippet(r.text, ranges.get(r.tk) ?? [])]));
  }
}

function markedRanges(marked: string): Range[] {
  const ranges: Range[] = [];
  let position = 0;
  let start = -1;
  for (const char of marked) {
    if (char === OPEN) start = position;
    else if (char === CLOSE) {
      if (start >= 0) ranges.push({ start, end: position });
      start = -1;
    } else position += char.length;
  }
  return ranges;
}

function substringRanges(text: string, substrings: readonly string[]): Range[] {
  const ranges: Range[] = [];
  for (const needle of substrings) {
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) {
      ranges.push({ start: at, end: at + needle.length });
    }
  }
  return ranges;
}

function mergeRanges(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const merged: Range[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * About `maxChars` of the text around the first match, cut at a space where one is near and
 * never inside a surrogate pair; whitespace runs become single spaces.
 */
export function buildSnippet(text: string, ranges: readonly Range[], maxChars = 160, context = 40): SnippetSegment[] {
  const merged = mergeRanges(ranges);
  const first = merged[0];
  let start = first ? Math.max(0, first.start - context) : 0;
  if (start > 0 && first) {
    const space = text.indexOf(' ', start);
    if (space >= 0 && space < first.start) start = space + 1;
  }
  let end = Math.min(text.length, Math.max(start + maxChars, first?.end ?? 0));
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start -= 1;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end += 1;

  const segments: SnippetSegment[] = [];
  const push = (from: number, to: number, match: boolean) => {
    if (to <= from) return;
    const piece = text.slice(from, to).replace(/\s+/g, ' ');
    const last = segments.at(-1);
    if (last && last.match === match) last.text += piece;
    else segments.push({ text: piece, match });
  };
  let at = start;
  for (const range of merged) {
    if (range.end <= start || range.start >= end) continue;
    push(at, Math.max(at, range.start), false);
    push(Math.max(at, range.start), Math.min(end, range.end), true);
    at = Math.min(end, range.end);
  }
  push(at, end, false);
  if (start > 0) segments.unshift({ text: '…', match: false });
  if (end < text.length) segments.push({ text: '…', match: false });
  return mergeAdjacent(segments);
}

function mergeAdjacent(segments: SnippetSegment[]): SnippetSegment[] {
  const out: SnippetSegment[] = [];
  for (const segment of segments) {
    const last = out.at(-1);
    if (last && last.match === segment.match) last.text += segment.text;
    else out.push({ ...segment });
  }
  return out;
}
