import { codePointLength, unsegmentedRuns, wordIndexText } from './scripts.js';

/** A user's search text, turned into index lookups that can never be FTS5 syntax errors. */
export interface ParsedQuery {
  /** An FTS5 expression over search_words.body, or null when the query has no words. */
  words: string | null;
  /** Unsegmented runs of ≥ 3 characters: substring lookups in search_trigram. */
  trigrams: string[];
  /** Unsegmented runs of 1–2 characters: exact lookups in search_bigram. */
  bigrams: string[];
  /** Every unsegmented run, for the highlighter. */
  substrings: string[];
}

const MAX_QUERY_LENGTH = 256;
const MAX_TERMS = 16;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** An FTS5 string: double quotes are the only special character inside one. */
export const ftsString = (text: string): string => `"${text.replaceAll('"', '""')}"`;

/**
 * Loose words become prefix lookups ("coun" finds "counter"); the porter stemmer makes word
 * forms match ("counting" finds "counted"). "Quoted text" is an exact phrase. Everything else
 * (operators, brackets, stars, colons) is just a separator, so no input can throw.
 */
export function parseQuery(input: string): ParsedQuery | null {
  const text = input.normalize('NFC').slice(0, MAX_QUERY_LENGTH);
  const parts: { text: string; phrase: boolean }[] = [];
  const loose = text.replace(/"([^"]*)"/g, (_, inner: string) => {
    parts.push({ text: inner, phrase: true });
    return ' ';
  });
  parts.push({ text: loose, phrase: false });

  const wordTerms: string[] = [];
  const runs = new Set<string>();
  for (const part of parts) {
    for (const run of unsegmentedRuns(part.text)) runs.add(run);
    const words = (wordIndexText(part.text).match(WORD) ?? []).filter((w) => HAS_LETTER_OR_DIGIT.test(w));
    if (part.phrase) {
      if (words.length > 0) wordTerms.push(ftsString(words.join(' ')));
    } else {
      for (const word of words) wordTerms.push(wordTerm(word));
    }
  }

  const terms = [...new Set(wordTerms)].slice(0, MAX_TERMS);
  const substrings = [...runs].slice(0, MAX_TERMS);
  if (terms.length === 0 && substrings.length === 0) return null;
  return {
    words: terms.length > 0 ? terms.join(' AND ') : null,
    trigrams: substrings.filter((r) => codePointLength(r) >= 3),
    bigrams: substrings.filter((r) => codePointLength(r) < 3),
    substrings,
  };
}

/**
 * Endings a half-typed or inflected word may carry past its stem. A typed tail that could be
 * the start of one of these may be dropped to reach a stem the index holds.
 */
const SUFFIXES = ['s', 'es', 'ed', 'er', 'ers', 'ing', 'ings', 'ly', 'ness', 'ment', 'ments', 'ful', 'ation', 'ations', 'ive', 'ity', 'al', 'able', 'ible', 'ous', 'ism', 'ist', 'ize', 'ise', 'ized', 'ised', 'izing', 'ising'];
const couldStartSuffix = (tail: string) => SUFFIXES.some((suffix) => suffix.startsWith(tail));

/**
 * One loose word: a prefix lookup ("coun" finds "counter"). The index holds stems, so a word
 * typed past its stem ("happin" of "happiness", stored as "happi") or carrying an ending
 * ("counter" next to "counted", stored as "count") also accepts the stems it reaches by
 * dropping up to four letters that could begin an ending. A stem no message has costs one
 * empty lookup and matches nothing.
 */
function wordTerm(word: string): string {
  if (codePointLength(word) < 2) return ftsString(word);
  const alternatives = [`${ftsString(word)}*`];
  // The index holds lower-case, diacritic-free stems.
  const chars = [...word.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')];
  for (let cut = 1; cut <= 4 && chars.length - cut >= 3; cut++) {
    if (couldStartSuffix(chars.slice(chars.length - cut).join(''))) alternatives.push(ftsString(chars.slice(0, chars.length - cut).join('')));
  }
  return alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' OR ')})`;
}
