import { liveMetaOf } from '../cache/live-shares.repo.js';
import type { CoreRuntime } from '../runtime.js';

export interface RunningShare {
  shareId: string;
  chatId: string;
  messageId: string;
  sharerId: string;
  expiresAt: string;
  /** The last position the cache heard, and when the sharer sent it. */
  lat: number;
  lng: number;
  updatedAt: string;
}

/**
 * Live locations in cached chats. Their messages carry the last position (each `location.update`
 * arrives as `message.updated`), so the map card shows it offline; one that runs out ends on the
 * local clock (the expiry sweep), offline too.
 */
export class LiveLocationsFeature {
  constructor(private readonly rt: CoreRuntime) {}

  /** Shares still running now, soonest to end first; `chatId` narrows to one chat. */
  running(chatId?: string): RunningShare[] {
    const { cache } = this.rt;
    return cache.liveShares.running(this.rt.now().toISOString()).flatMap((share) => {
      if (chatId !== undefined && share.chat_id !== chatId) return [];
      const row = cache.messages.byId(share.message_id);
      const meta = row?.meta ? (JSON.parse(row.meta) as { location?: { lat?: unknown; lng?: unknown } }) : null;
      const live = row ? liveMetaOf(row.meta) : null;
      const { lat, lng } = meta?.location ?? {};
      if (!row || row.deleted_at !== null || !live || live.endedAt !== null || typeof lat !== 'number' || typeof lng !== 'number') return [];
      return [{ shareId: share.share_id, chatId: share.chat_id, messageId: share.message_id, sharerId: share.sharer_id, expiresAt: share.expires_at, lat, lng, updatedAt: live.updatedAt }];
    });
  }
}
