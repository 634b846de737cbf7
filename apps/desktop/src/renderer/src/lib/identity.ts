/** Initials and a stable colour per person or chat, for avatars without a photo. */

/** Up to two letters; empty for a bare phone number (the avatar then shows a person icon). */
export function initials(name: string): string {
  if (/^\+?[\d\s().-]*$/.test(name.trim())) return '';
  const words = name
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0) return '';
  const first = [...words[0]!][0] ?? '';
  const last = words.length > 1 ? ([...words.at(-1)!][0] ?? '') : '';
  return (first + last).toLocaleUpperCase();
}

export const AVATAR_COLOURS = 8;

/** 0..7, from the id, so a person keeps their colour everywhere. */
export function colourIndex(id: string): number {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return hash % AVATAR_COLOURS;
}
