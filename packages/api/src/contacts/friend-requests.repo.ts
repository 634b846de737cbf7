import type { Database, User } from '@confab/db';
import type { Kysely, Transaction } from 'kysely';
import type { Emit } from '../lib/transact.js';
import { withVisibleUser } from '../users/profile-privacy.js';
import { toUserView } from '../users/user-view.js';
import { toContactView } from './contact-view.js';
import { contactRows, upsertContact } from './contacts.repo.js';
import type { FriendRequestView } from './friend-request-view.js';
import { acceptRequestFrom } from './message-requests.repo.js';

export async function findRequest(db: Kysely<Database>, fromId: string, toId: string) {
  return db.selectFrom('friendRequests').selectAll().where('fromId', '=', fromId).where('toId', '=', toId).executeTakeFirst();
}

export async function hasBlocked(db: Kysely<Database>, blockerId: string, blockedId: string): Promise<boolean> {
  const row = await db.selectFrom('blocks').select('blockerId').where('blockerId', '=', blockerId).where('blockedId', '=', blockedId).executeTakeFirst();
  return row !== undefined;
}

export function requestView(other: User, direction: FriendRequestView['direction'], createdAt: Date | string): FriendRequestView {
  return { user: toUserView(other), direction, createdAt: new Date(createdAt).toISOString() };
}

/** A request as `viewerId` is shown it: the other side's photo and about as their privacy settings allow. */
export function visibleRequestView(db: Kysely<Database>, viewerId: string, other: User, direction: FriendRequestView['direction'], createdAt: Date | string): Promise<FriendRequestView> {
  return withVisibleUser(db, viewerId, requestView(other, direction, createdAt));
}

/** Requests to or from `userId` with live accounts on the other side, newest first. */
export async function requestRows(db: Kysely<Database>, userId: string, direction: FriendRequestView['direction']) {
  const [mine, theirs] = direction === 'incoming' ? (['r.toId', 'r.fromId'] as const) : (['r.fromId', 'r.toId'] as const);
  return db
    .selectFrom('friendRequests as r')
    .innerJoin('users as u', 'u.id', theirs)
    .selectAll('u')
    .select('r.createdAt as requestedAt')
    .where(mine, '=', userId)
    .where('u.deletedAt', 'is', null)
    // Someone I blocked cannot reach me with a request; it waits unseen (they cannot tell).
    .$if(direction === 'incoming', (q) => q.where('r.fromId', 'not in', db.selectFrom('blocks').select('blockedId').where('blockerId', '=', userId)))
    .orderBy('r.createdAt', 'desc')
    .execute();
}

/**
 * `accepter` takes `requester`'s request (or both asked each other): each becomes the other's
 * contact (aliases kept), any request between them goes, a waiting message request ends, and
 * both hear it — their new contact and the request's end.
 */
export async function makeFriends(trx: Transaction<Database>, emit: Emit, accepter: User, requester: User, requestedAt: Date | string, now: Date): Promise<void> {
  await trx
    .deleteFrom('friendRequests')
    .where((eb) => eb.or([eb.and([eb('fromId', '=', requester.id), eb('toId', '=', accepter.id)]), eb.and([eb('fromId', '=', accepter.id), eb('toId', '=', requester.id)])]))
    .execute();
  const pairs = [[accepter, requester], [requester, accepter]] as const;
  for (const [owner, other] of pairs) await upsertContact(trx, owner.id, other.id, undefined, now);
  // Both entries exist before either is shown: a photo set to "my contacts" is visible to the new friend at once.
  for (const [owner, other] of pairs) {
    const [row] = await contactRows(trx, owner.id, other.id);
    emit([owner.id], { type: 'contact.updated', contact: await withVisibleUser(trx, owner.id, toContactView(row!)) });
    await acceptRequestFrom(trx, emit, owner.id, other.id, now);
  }
  emit([accepter.id], { type: 'contact.request', state: 'accepted', request: await visibleRequestView(trx, accepter.id, requester, 'incoming', requestedAt) });
  emit([requester.id], { type: 'contact.request', state: 'accepted', request: await visibleRequestView(trx, requester.id, accepter, 'outgoing', requestedAt) });
}
