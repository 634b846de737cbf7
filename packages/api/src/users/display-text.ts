import { z } from 'zod';

/** Control characters and the bidi overrides used to disguise names ("‮gpj.exe"). */
const FORBIDDEN = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

const segmenter = new Intl.Segmenter();
/**
 * What a reader counts as characters: an emoji with skin tone and ZWJ parts is one. Only
 * bounded input is segmented — each segment V8 makes carries a copy of the whole input, so a
 * long string would cost quadratic memory (zod runs every check even after `.max` fails).
 */
const characters = (value: string, bound: number) => (value.length > bound ? Infinity : [...segmenter.segment(value)].length);

/**
 * A short, single-line text people show to others (a name, an alias). Measured in
 * user-perceived characters; a hard UTF-16 cap is checked first so a huge input is refused
 * cheaply.
 */
export function displayText(label: string, max: number, options: { min?: number } = {}) {
  const min = options.min ?? 1;
  const hardCap = max * 8;
  return z
    .string()
    .max(hardCap, `${label} is limited to ${max} characters`)
    .trim()
    .refine((v) => characters(v, hardCap) >= min, min === 1 ? `${label} cannot be empty` : `${label} needs at least ${min} characters`)
    .refine((v) => characters(v, hardCap) <= max, `${label} is limited to ${max} characters`)
    .refine((v) => !FORBIDDEN.test(v), `${label} cannot contain control characters`);
}
