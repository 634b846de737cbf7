/**
 * Scripts written without spaces between words (Chinese, Japanese, Thai…) cannot be split into
 * words by a tokenizer, so they are searched by substring instead. Hangul is included: Korean
 * glues particles onto words ("학교에서"), so a substring finds "학교" where a word match fails.
 */
const UNSEGMENTED_CHAR = String.raw`\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}\u30FC\uFF70`;
const RUNS = new RegExp(`[${UNSEGMENTED_CHAR}]+`, 'gu');
const ANY = new RegExp(`[${UNSEGMENTED_CHAR}]`, 'u');
/** Marks used by the highlighter; never allowed through from message text. */
// eslint-disable-next-line no-control-regex -- these control characters are exactly what is removed
const MARKERS = /[\u0002\u0003]/g;

export function hasUnsegmented(text: string): boolean {
  return ANY.test(text);
}

/** The runs of unsegmented-script characters in `text`, in order. */
export function unsegmentedRuns(text: string): string[] {
  return text.match(RUNS) ?? [];
}

/**
 * The text the word index sees: unsegmented runs (indexed elsewhere) and highlight markers
 * become spaces of the same UTF-16 length, so offsets in it are offsets in the original.
 * Spaces also split "iPhone手机" into a word the word index can find.
 */
export function wordIndexText(text: string): string {
  // Most text has no unsegmented run: one test instead of a replace over the whole text.
  const masked = hasUnsegmented(text) ? text.replace(RUNS, (run) => ' '.repeat(run.length)) : text;
  return masked.replace(MARKERS, ' ');
}

/** For the trigram index: the runs, one per line (no trigram spans two runs' characters). */
export function trigramText(runs: readonly string[]): string {
  return runs.join('\n');
}

/** For the bigram index: every character and every adjacent pair of each run, once. */
export function bigramText(runs: readonly string[]): string {
  const terms = new Set<string>();
  for (const run of runs) {
    const chars = [...run];
    chars.forEach((char, i) => {
      terms.add(char);
      const next = chars[i + 1];
      if (next !== undefined) terms.add(char + next);
    });
  }
  return [...terms].join(' ');
}

export function codePointLength(text: string): number {
  return [...text].length;
}
