import { z } from 'zod';

/** Control characters and the bidi overrides used to disguise names ("‮gpj.exe"). */
const FORBIDDEN = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

const codePoints = (value: string) => [...value].length;

/**
 * A short, single-line text people show to others (a name, an alias). Measured in code points
 * so emoji count once; a hard UTF-16 cap is checked first so a huge input is refused cheaply.
 */
export function displayText(label: string, max: number, options: { min?: number } = {}) {
  const min = options.min ?? 1;
  return z
    .string()
    .max(max * 2, `${label} is limited to ${max} characters`)
    .trim()
    .refine((v) => codePoints(v) >= min, min === 1 ? `${label} cannot be empty` : `${label} needs at least ${min} characters`)
    .refine((v) => codePoints(v) <= max, `${label} is limited to ${max} characters`)
    .refine((v) => !FORBIDDEN.test(v), `${label} cannot contain control characters`);
}
