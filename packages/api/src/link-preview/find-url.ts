const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`]+/i;
const TRAILING_PUNCTUATION = /[.,;:!?'")\]}]+$/;

/** The first http(s) link in a message's text, without the punctuation that ends a sentence. */
export function firstUrlIn(text: string | null | undefined): string | null {
  const match = text ? URL_IN_TEXT.exec(text) : null;
  if (!match) return null;
  const candidate = match[0].replace(TRAILING_PUNCTUATION, '');
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}
