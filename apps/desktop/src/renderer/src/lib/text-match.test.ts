import { describe, expect, it } from 'vitest';
import { highlightPieces, matchesAll, searchTerms, snippet } from './text-match';

describe('search text matching', () => {
  it('finds every word regardless of case and accents', () => {
    const terms = searchTerms('CAFE  lunch');
    expect(matchesAll('Lunch at the Café?', terms)).toBe(true);
    expect(matchesAll('Lunch at home', terms)).toBe(false);
  });

  it('splits text into plain and marked pieces without losing characters', () => {
    const text = 'Café <b>lunch</b> café';
    const pieces = highlightPieces(text, searchTerms('cafe'));
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    expect(pieces.filter((p) => p.hit).map((p) => p.text)).toEqual(['Café', 'café']);
  });

  it('cuts long text to the part around the first hit', () => {
    const text = `${'a '.repeat(200)}needle${' b'.repeat(200)}`;
    const cut = snippet(text, ['needle'], 20);
    expect(cut).toContain('needle');
    expect(cut.startsWith('…')).toBe(true);
    expect(cut.length).toBeLessThan(50);
  });
});
