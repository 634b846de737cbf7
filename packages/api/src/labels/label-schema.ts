import { z } from 'zod';
import { displayText } from '../users/display-text.js';

export const MAX_LABEL_LENGTH = 32;
export const MAX_LABELS = 20;

/**
 * A personal label ("Work", "Family") for a contact or a chat: one line, 1–32 characters, no
 * control characters. A list keeps the first spelling of labels that differ only in case.
 */
export const labelList = z
  .array(displayText('A label', MAX_LABEL_LENGTH))
  .max(MAX_LABELS, `At most ${MAX_LABELS} labels`)
  .transform((labels) => {
    const seen = new Set<string>();
    return labels.filter((label) => {
      const key = label.toLocaleLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  });

/** A stored jsonb label list, whatever the driver handed back (parsed or text). */
export function storedLabels(value: unknown): string[] {
  const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
}
