import type { Audience, Database } from '@confab/db';
import type { Kysely } from 'kysely';
import { pendingRequestPairs } from '../contacts/message-requests.repo.js';
import { privacyOf, type PrivacyField } from './settings.repo.js';

/** Pairs "owner has viewer as a contact", as `${owner}>${viewer}`. */
async function contactPairs(db: Kysely<Database>, a: string, others: readonly string[]): Promise<Set<string>> {
  if (others.length === 0) return new Set();
  const rows = await db
    .selectFrom('contacts')
    .select(['ownerId', 'contactId'])
    .where((eb) => eb.or([eb.and([eb('ownerId', '=', a), eb('contactId', 'in', others)]), eb.and([eb('ownerId', 'in', others), eb('contactId', '=', a)])]))
    .execute();
  return new Set(rows.map((r) => `${r.ownerId}>${r.contactId}`));
}

const lets = (audience: Audience, ownerHasViewer: boolean) => audience === 'everyone' || (audience === 'contacts' && ownerHasViewer);

/** The viewers (of `viewerIds`) whom `ownerId`'s privacy setting lets see that part of them. */
export async function viewersAllowed(db: Kysely<Database>, ownerId: string, viewerIds: readonly string[], field: PrivacyField): Promise<Set<string>> {
  const others = [...new Set(viewerIds)].filter((id) => id !== ownerId);
  const [settings, pairs, requests] = await Promise.all([privacyOf(db, [ownerId], field), contactPairs(db, ownerId, others), field === 'groupAdd' ? new Set<string>() : pendingRequestPairs(db, ownerId, others)]);
  const audience = settings.get(ownerId)!;
  // Someone whose message request the owner has not accepted sees none of the owner's profile or presence.
  const allowed = new Set(others.filter((viewer) => lets(audience, pairs.has(`${ownerId}>${viewer}`)) && !requests.has(`${ownerId}>${viewer}`)));
  if (viewerIds.includes(ownerId)) allowed.add(ownerId);
  return allowed;
}

/**
 * The owners (of `ownerIds`) whose privacy setting lets `viewerId` see that part of them: the
 * same rule as `viewersAllowed`, asked the other way round, for a list of many people's profiles.
 */
export async function ownersAllowing(db: Kysely<Database>, viewerId: string, ownerIds: readonly string[], field: Exclude<PrivacyField, 'groupAdd'>): Promise<Set<string>> {
  const others = [...new Set(ownerIds)].filter((id) => id !== viewerId);
  const [settings, pairs, requests] = await Promise.all([privacyOf(db, others, field), contactPairs(db, viewerId, others), pendingRequestPairs(db, viewerId, others)]);
  const allowed = new Set(others.filter((owner) => lets(settings.get(owner)!, pairs.has(`${owner}>${viewerId}`)) && !requests.has(`${owner}>${viewerId}`)));
  if (ownerIds.includes(viewerId)) allowed.add(viewerId);
  return allowed;
}

export async function allows(db: Kysely<Database>, ownerId: string, viewerId: string, field: PrivacyField): Promise<boolean> {
  return (await viewersAllowed(db, ownerId, [viewerId], field)).has(viewerId);
}

/**
 * Read receipts work both ways, as in WhatsApp: a reader's ticks reach another member only
 * when each of the two lets the other see them. Someone with 'nobody' neither sends nor sees
 * read receipts (delivery receipts are not affected). Returns the members of `otherIds` who
 * share read receipts with `userId`.
 */
export async function readReceiptPartners(db: Kysely<Database>, userId: string, otherIds: readonly string[]): Promise<Set<string>> {
  const others = [...new Set(otherIds)].filter((id) => id !== userId);
  const [settings, pairs, requests] = await Promise.all([privacyOf(db, [userId, ...others], 'readReceipts'), contactPairs(db, userId, others), pendingRequestPairs(db, userId, others)]);
  const mine = settings.get(userId)!;
  // A message request not yet accepted (either way) shares no read receipts.
  const waiting = (other: string) => requests.has(`${userId}>${other}`) || requests.has(`${other}>${userId}`);
  return new Set(others.filter((other) => !waiting(other) && lets(mine, pairs.has(`${userId}>${other}`)) && lets(settings.get(other)!, pairs.has(`${other}>${userId}`))));
}
