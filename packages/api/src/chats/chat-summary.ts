import type { Database } from '@confab/db';
import { sql, type Kysely } from 'kysely';
import { messageViews } from '../messages/messages.repo.js';
import { readReceiptPartners } from '../settings/privacy.js';
import { visibleProfile } from '../users/profile-privacy.js';
import { toUserView } from '../users/user-view.js';
import { toChatView, type ChatView } from './chat-view.js';
import { visibleRange, type Membership } from './membership.js';

/**
 * Everything a chat-list row shows for one membership: peer, newest visible message and
 * unread count, each limited to what this member may see.
 */
export async function buildChatView(db: Kysely<Database>, { chat, member }: Membership, now: Date): Promise<ChatView> {
  const { after, upTo } = visibleRange(member);
  const visible = db
    .selectFrom('messages')
    .where('chatId', '=', chat.id)
    .where('seq', '>', after)
    .$if(upTo !== null, (q) => q.where('seq', '<=', upTo!))
    .where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', now)]))
    .where('id', 'not in', db.selectFrom('hiddenMessages').select('messageId').where('userId', '=', member.userId));

  const [last, unread, peerRow, peerMember] = await Promise.all([
    visible.selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst(),
    visible
      .select(sql<number>`count(*)::int`.as('n'))
      .where('seq', '>', member.lastReadSeq)
      .where('senderId', '!=', member.userId)
      .where('deletedAt', 'is', null)
      .where('kind', '!=', 'system')
      .executeTakeFirstOrThrow(),
    chat.kind === 'direct'
      ? db
          .selectFrom('chatMembers as m')
          .innerJoin('users as u', 'u.id', 'm.userId')
          .selectAll('u')
          .where('m.chatId', '=', chat.id)
          .where('m.userId', '!=', member.userId)
          .executeTakeFirst()
      : Promise.resolve(undefined),
    chat.kind === 'direct'
      ? db.selectFrom('chatMembers').selectAll().where('chatId', '=', chat.id).where('userId', '!=', member.userId).executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  const shared = peerMember ? (await readReceiptPartners(db, member.userId, [peerMember.userId])).has(peerMember.userId) : false;
  const sender =
    chat.kind === 'group' && last && last.kind !== 'system' && last.senderId !== member.userId
      ? await db.selectFrom('users').select(['id', 'name', 'phone', 'deletedAt']).where('id', '=', last.senderId).executeTakeFirst()
      : undefined;
  return toChatView({
    chat,
    member,
    peer: peerRow ? await visibleProfile(db, member.userId, toUserView(peerRow)) : null,
    lastMessage: last ? (await messageViews(db, [last], now))[0]! : null,
    lastSender: sender ? { id: sender.id, name: sender.deletedAt ? 'Deleted account' : sender.name || sender.phone || 'Someone' } : null,
    unreadCount: unread.n,
    peerMember: peerMember ?? null,
    readReceiptsShared: shared,
  }, now);
}
