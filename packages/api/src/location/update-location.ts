import { z } from 'zod';
import { loadMembership } from '../chats/membership.js';
import { fail } from '../errors.js';
import { id } from '../lib/schemas.js';
import { transact } from '../lib/transact.js';
import { messagingSettings } from '../messages/messaging-settings.js';
import type { AuthedContext } from '../trpc.js';
import { findShare, lockShare, republishShare } from './live-locations.repo.js';
import { latitude, longitude } from './share-location.js';

export const shareIdInput = z.object({ shareId: id }).strict();
export const updateLocationInput = z.object({ shareId: id, lat: latitude, lng: longitude }).strict();

/**
 * Loads a share for a change by the caller: someone who cannot see its chat gets NOT_FOUND; a
 * member who is not the sharer, or a share that ended (stopped, ran out, sharer left), FORBIDDEN.
 */
async function loadOwnLiveShare(ctx: AuthedContext, shareId: string) {
  const { deps } = ctx;
  const share = await findShare(deps.db, shareId);
  if (!share) throw fail.notFound('Live location');
  const { member } = await loadMembership(deps.db, share.chatId, ctx.user.id).catch(() => {
    throw fail.notFound('Live location');
  });
  if (share.sharerId !== ctx.user.id) throw fail.forbidden('Only the person sharing a live location can change it');
  if (member.leftSeq !== null) throw fail.forbidden('You are no longer a member of this chat');
  return share;
}

function isOver(share: { endedAt: Date | string | null; expiresAt: Date | string }, now: Date): boolean {
  return share.endedAt !== null || new Date(share.expiresAt).getTime() <= now.getTime();
}

/** The sharer's new position replaces the old one on the message; every member sees the pin move. */
export async function updateLocation(ctx: AuthedContext, input: z.infer<typeof updateLocationInput>) {
  const { deps } = ctx;
  await loadOwnLiveShare(ctx, input.shareId);
  const now = deps.clock.now();
  return transact(deps, async (trx, emit) => {
    const share = await lockShare(trx, input.shareId);
    if (!share) throw fail.notFound('Live location');
    if (isOver(share, now)) throw fail.forbidden('This live location has ended');
    const updated = await trx.updateTable('liveLocations').set({ updatedAt: now }).where('id', '=', share.id).returningAll().executeTakeFirstOrThrow();
    return republishShare(trx, emit, updated, { lat: input.lat, lng: input.lng }, messagingSettings(deps).mapTileUrlTemplate, now);
  });
}

/** The sharer stops sharing: the card stays at the last position, marked ended. Stopping twice is a no-op. */
export async function stopLocation(ctx: AuthedContext, input: z.infer<typeof shareIdInput>) {
  const { deps } = ctx;
  await loadOwnLiveShare(ctx, input.shareId);
  const now = deps.clock.now();
  return transact(deps, async (trx, emit) => {
    const share = await lockShare(trx, input.shareId);
    if (!share) throw fail.notFound('Live location');
    if (share.endedAt !== null) return { ended: true };
    const endedAt = new Date(Math.min(now.getTime(), new Date(share.expiresAt).getTime()));
    const ended = await trx.updateTable('liveLocations').set({ endedAt }).where('id', '=', share.id).returningAll().executeTakeFirstOrThrow();
    await republishShare(trx, emit, ended, null, messagingSettings(deps).mapTileUrlTemplate, now);
    return { ended: true };
  });
}
