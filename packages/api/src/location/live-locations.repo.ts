import type { Database, LiveLocation } from '@confab/db';
import type { Kysely, Transaction } from 'kysely';
import { chatAudience } from '../chats/membership.js';
import type { Emit } from '../lib/transact.js';
import { locationMeta } from '../messages/kinds/location-content.js';
import { metaOf } from '../messages/message-view.js';
import { messageViews } from '../messages/messages.repo.js';
import { liveMetaOf } from './live-meta.js';

export function findShare(db: Kysely<Database>, shareId: string): Promise<LiveLocation | undefined> {
  return db.selectFrom('liveLocations').selectAll().where('id', '=', shareId).executeTakeFirst();
}

/** The share row, locked while its position or end is written. */
export function lockShare(trx: Transaction<Database>, shareId: string): Promise<LiveLocation | undefined> {
  return trx.selectFrom('liveLocations').selectAll().where('id', '=', shareId).forUpdate().executeTakeFirst();
}

/**
 * Writes the share's state onto its message — the new position replaces the old one, so the
 * message only ever holds where the sharer is now — and tells every current member
 * (`message.updated`, stored, so a device that was away gets it through sync).
 */
export async function republishShare(
  trx: Transaction<Database>,
  emit: Emit,
  share: LiveLocation,
  position: { lat: number; lng: number } | null,
  tileTemplate: string,
  now: Date,
) {
  const message = await trx.selectFrom('messages').selectAll().where('id', '=', share.messageId).executeTakeFirstOrThrow();
  const meta = metaOf(message) ?? {};
  const place = position ? locationMeta(position, tileTemplate).location : meta.location;
  const row = await trx
    .updateTable('messages')
    .set({ meta: JSON.stringify({ ...meta, location: place, live: liveMetaOf(share) }) })
    .where('id', '=', message.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const [view] = await messageViews(trx, [row], now);
  emit(await chatAudience(trx, share.chatId), { type: 'message.updated', message: view! });
  return view!;
}
