/**
 * A message's meta without the custom emoticon `:shortcut:` (emoticon.deleted): `emoticons`
 * goes once empty, and the whole meta is null once nothing is left, as the server stores it.
 * Shared by the desktop cache and the page, which apply the same event to their copies.
 */
export function withoutEmoticon(meta: Readonly<Record<string, unknown>>, shortcut: string): Record<string, unknown> | null {
  const { emoticons, ...rest } = meta;
  const { [shortcut]: _gone, ...others } = (emoticons ?? {}) as Record<string, unknown>;
  const next = Object.keys(others).length > 0 ? { ...rest, emoticons: others } : rest;
  return Object.keys(next).length > 0 ? next : null;
}

/** Whether the meta draws `:shortcut:` with this emoticon. */
export function carriesEmoticon(meta: Readonly<Record<string, unknown>> | null, shortcut: string, emoticonId: string): boolean {
  const carried = meta?.emoticons;
  if (!carried || typeof carried !== 'object' || !Object.hasOwn(carried, shortcut)) return false;
  const entry = (carried as Record<string, unknown>)[shortcut];
  return !!entry && typeof entry === 'object' && (entry as { emoticonId?: unknown }).emoticonId === emoticonId;
}
