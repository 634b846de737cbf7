import { z } from 'zod';
import { loadActiveMembership } from '../chats/membership.js';
import { newId } from '../lib/ids.js';
import { id } from '../lib/schemas.js';
import { transact } from '../lib/transact.js';
import { messagingSettings } from '../messages/messaging-settings.js';
import { sendMessage } from '../messages/send-message.js';
import type { AuthedContext } from '../trpc.js';
import { limitAction } from '../lib/action-limits.js';
import { locationMeta } from '../messages/kinds/location-content.js';
import { findByClientId, insertMessage } from '../messages/insert-message.js';
import { toMessageView } from '../messages/message-view.js';
import { messageViews } from '../messages/messages.repo.js';
import { assertMayPost } from '../messages/post-rules.js';
import { notifyAboutMessage } from '../notifications/message-notifications.js';
import { liveMetaOf } from './live-meta.js';

/** The durations a live location may run for: 15 min, 1 h, 8 h (as WhatsApp offers). */
export const LIVE_DURATIONS = [900, 3_600, 28_800] as const;

export const latitude = z.number().min(-90, 'Latitude is between -90 and 90').max(90, 'Latitude is between -90 and 90');
export const longitude = z.number().min(-180, 'Longitude is between -180 and 180').max(180, 'Longitude is between -180 and 180');

export const shareLocationInput = z
  .object({
    chatId: id,
    lat: latitude,
    lng: longitude,
    liveForSeconds: z
      .number()
      .int()
      .refine((s) => (LIVE_DURATIONS as readonly number[]).includes(s), 'Share live for 15 minutes, 1 hour or 8 hours')
      .optional(),
    name: z.string().trim().min(1).max(200).optional(),
    /** Makes a retried share idempotent, like messages.send; one is made up when absent. */
    clientId: id.optional(),
  })
  .strict();

/**
 * Sends a location message. With `liveForSeconds` it is a live location: the message and its
 * share are stored together (so nobody sees it static first); the sharer moves it with
 * `location.update` until they stop it or it runs out (the sweeper ends it then). A retried
 * share (same clientId) returns the stored one.
 */
export async function shareLocation(ctx: AuthedContext, input: z.infer<typeof shareLocationInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  const location = { lat: input.lat, lng: input.lng, ...(input.name ? { name: input.name } : {}) };
  const clientId = input.clientId ?? newId();
  if (!input.liveForSeconds) return { shareId: null, message: await sendMessage(ctx, { chatId: input.chatId, clientId, kind: 'location', location }) };

  const membership = await loadActiveMembership(deps.db, input.chatId, me);
  const earlier = await findByClientId(deps.db, input.chatId, me, clientId);
  if (earlier) {
    const share = await deps.db.selectFrom('liveLocations').select('id').where('messageId', '=', earlier.id).executeTakeFirst();
    return { shareId: share?.id ?? null, message: (await messageViews(deps.db, [earlier], deps.clock.now()))[0]! };
  }
  await limitAction(deps, 'sends', me);
  await assertMayPost(deps.db, membership, me);

  const now = deps.clock.now();
  const share = { id: newId(), expiresAt: new Date(now.getTime() + input.liveForSeconds * 1000), endedAt: null, updatedAt: now };
  const meta = { ...locationMeta(location, messagingSettings(deps).mapTileUrlTemplate), live: liveMetaOf(share) };
  return transact(deps, async (trx, emit) => {
    const { message } = await insertMessage(trx, emit, { chatId: input.chatId, senderId: me, clientId, content: { kind: 'location', text: null, mediaId: null, meta }, replyToId: null, now });
    await trx.insertInto('liveLocations').values({ ...share, messageId: message.id, chatId: input.chatId, sharerId: me, startedAt: now }).execute();
    await notifyAboutMessage(trx, emit, membership.chat, message);
    return { shareId: share.id, message: toMessageView(message) };
  });
}
