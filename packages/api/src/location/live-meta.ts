import type { LiveLocation } from '@confab/db';

/** What a live location adds to its message's `meta`: clients move the pin and show the time left. */
export interface LiveMeta {
  shareId: string;
  expiresAt: string;
  endedAt: string | null;
  updatedAt: string;
}

export function liveMetaOf(share: Pick<LiveLocation, 'id' | 'expiresAt' | 'endedAt' | 'updatedAt'>): LiveMeta {
  const iso = (value: Date | string) => new Date(value).toISOString();
  return { shareId: share.id, expiresAt: iso(share.expiresAt), endedAt: share.endedAt === null ? null : iso(share.endedAt), updatedAt: iso(share.updatedAt) };
}
