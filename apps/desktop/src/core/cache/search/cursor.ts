/**
 * Search cursors are opaque to the UI: base64url JSON. Newest-first pages continue below a tk;
 * relevance pages walk windows of recent hits (each ranked on its own) and an offset in one.
 */
export type SearchCursor = { order: 'newest'; below: number } | { order: 'relevance'; below: number | null; offset: number };

export function encodeCursor(cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(value: string, order: 'newest' | 'relevance'): SearchCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw new Error('Invalid search cursor');
  }
  const c = parsed as Record<string, unknown>;
  const isInt = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  if (order === 'newest' && c.order === 'newest' && isInt(c.below)) return { order, below: c.below as number };
  if (order === 'relevance' && c.order === 'relevance' && (c.below === null || isInt(c.below)) && isInt(c.offset)) {
    return { order, below: c.below as number | null, offset: c.offset as number };
  }
  throw new Error('Invalid search cursor');
}
