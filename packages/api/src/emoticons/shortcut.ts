import { z } from 'zod';

export const SHORTCUT_MAX = 32;
/** `:party:` in text: what a message's text is scanned for. */
export const SHORTCUT_IN_TEXT = /:([\p{L}\p{N}_+-]{2,32}):/gu;

/**
 * An emoticon's shortcut, typed with or without its colons (`party` or `:party:`), stored
 * without them and in lower case. Each refusal says what to change.
 */
export const shortcutInput = z
  .string()
  .max(SHORTCUT_MAX + 2, `A shortcut is at most ${SHORTCUT_MAX} characters`)
  .transform((value) => value.trim().replace(/^:|:$/g, '').toLocaleLowerCase())
  .superRefine((value, ctx) => {
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) ctx.addIssue({ code: 'custom', message: 'A shortcut cannot contain control characters' });
    else if (value.length === 0) ctx.addIssue({ code: 'custom', message: 'Give the emoticon a shortcut, like party' });
    else if (value.length < 2) ctx.addIssue({ code: 'custom', message: 'A shortcut is at least 2 characters' });
    else if (value.length > SHORTCUT_MAX) ctx.addIssue({ code: 'custom', message: `A shortcut is at most ${SHORTCUT_MAX} characters` });
    else if (!/^[\p{L}\p{N}_+-]+$/u.test(value)) ctx.addIssue({ code: 'custom', message: 'A shortcut has letters, digits, _, + and - only (no spaces or colons)' });
  });

/** The distinct shortcuts a text mentions, without colons, lower case. */
export function shortcutsIn(text: string | null): string[] {
  if (!text || !text.includes(':')) return [];
  return [...new Set([...text.matchAll(SHORTCUT_IN_TEXT)].map((m) => m[1]!.toLocaleLowerCase()))];
}
