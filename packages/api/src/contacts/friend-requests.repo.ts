import type { Database, User } from '@confab/db';
import type { Kysely, Transaction } from 'kysely';
import type { Emit } from '../lib/transact.js';
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
  for (const [owner, other] of [[accepter, requester], [requester, accepter]] as const) {
    await upsertContact(trx, owner.id, other.id, undefined, now);
    const [row] = await contactRows(trx, owner.id, other.id);
    emit([owner.id], { type: 'contact.updated', contact: toContactView(row!) });
    await acceptRequestFrom(trx, emit, owner.id, other.id, now);
  }
  emit([accepter.id], { type: 'contact.request', state: 'accepted', request: requestView(requester, 'incoming', requestedAt) });
  emit([requester.id], { type: 'contact.request', state: 'accepted', request: requestView(accepter, 'outgoing', requestedAt) });
}
