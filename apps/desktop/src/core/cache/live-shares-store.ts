import { toMessageView } from '../page/views.js';
import type { WriteContext } from './change-set.js';
import { liveMetaOf } from './live-shares.repo.js';
import { toCachedMessage, type MessageRow } from './message-row.js';

/** A stored message that is a live location: its share is recorded (or its end, once known). */
export function noteLiveShare(ctx: WriteContext, row: MessageRow): void {
  if (row.kind !== 'location' || row.meta === null) return;
  const live = liveMetaOf(row.meta);
  if (live) ctx.cache.liveShares.note(row, live);
}

/**
 * Live locations that ran out end on the local clock, offline too, as the server's sweeper ends
 * them: the message keeps its last position and gets `endedAt` (its expiry), and the page hears
 * `message.updated`, so the map card says it ended. The server's own update, once online,
 * carries the same end.
 */
export function endExpiredLiveShares(ctx: WriteContext): void {
  const { cache } = ctx;
  for (const share of cache.liveShares.due(ctx.now().toISOString())) {
    const row = cache.messages.byId(share.message_id);
    const chat = row ? cache.chats.get(row.chat_id) : undefined;
    const live = row ? liveMetaOf(row.meta) : null;
    if (!row || !chat || !live || row.deleted_at !== null || row.seq === null) {
      cache.liveShares.forgetMessage(share.message_id);
      continue;
    }
    cache.liveShares.end(share.share_id, share.expires_at);
    if (live.endedAt !== null) continue;
    const meta = { ...(JSON.parse(row.meta!) as Record<string, unknown>), live: { ...live, endedAt: share.expires_at } };
    const ended: MessageRow = { ...row, meta: JSON.stringify(meta) };
    cache.messages.replace(row, ended, chat.no);
    const message = toCachedMessage(ended, ctx.me);
    ctx.changes.events.push({ type: 'message.updated', message: toMessageView({ ...message, seq: row.seq }) });
  }
}
