/**
 * Matching and highlighting of search words in message text, done on plain strings: the UI
 * renders the pieces as text nodes (a <mark> around the hits), never as HTML.
 */

/** Lower case without accents, so "cafe" finds "Café". */
export function fold(text: string): string {
  return text.toLocaleLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
}

export function searchTerms(query: string): string[] {
  return fold(query)
    .split(/\s+/)
    .map((t) => t.trim())
    .filter(Boolean);
}

/** True when every term occurs in the text. */
export function matchesAll(text: string, terms: readonly string[]): boolean {
  if (terms.length === 0) return false;
  const folded = fold(text);
  return terms.every((t) => folded.includes(t));
}

export interface TextPiece {
  text: string;
  hit: boolean;
}

/**
 * Splits text into plain and matching pieces. Folding may change lengths (decomposed accents),
 * so positions are found character by character on the original text.
 */
export function highlightPieces(text: string, terms: readonly string[]): TextPiece[] {
  if (terms.length === 0 || !text) return [{ text, hit: false }];
  const chars = [...text];
  const foldedChars = chars.map((c) => fold(c));
  const hits = new Array<boolean>(chars.length).fill(false);
  for (const term of terms) {
    for (let start = 0; start < chars.length; start++) {
      let i = start;
      let matched = '';
      while (i < chars.length && matched.length < term.length) {
        matched += foldedChars[i];
        i++;
      }
      if (matched.startsWith(term)) for (let k = start; k < i; k++) hits[k] = true;
    }
  }
  const pieces: TextPiece[] = [];
  chars.forEach((c, i) => {
    const hit = hits[i]!;
    const last = pieces.at(-1);
    if (last && last.hit === hit) last.text += c;
    else pieces.push({ text: c, hit });
  });
  return pieces;
}

/** A window of the text around the first hit, so long messages show the part that matched. */
export function snippet(text: string, terms: readonly string[], radius = 60): string {
  const folded = fold(text);
  const first = Math.min(...terms.map((t) => folded.indexOf(t)).filter((i) => i >= 0));
  if (!Number.isFinite(first) || text.length <= radius * 2) return text;
  const start = Math.max(0, first - radius);
  const end = Math.min(text.length, first + radius);
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}
