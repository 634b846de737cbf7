import type { Database } from '@confab/db';
import { sql, type Kysely, type Transaction } from 'kysely';
import { emitChatUpdated } from '../chats/chat-updated.js';
import type { Deps } from '../deps.js';
import { transact, type Emit } from '../lib/transact.js';

/**
 * (chat, sender) pairs whose request states this process already settled: once the sender has
 * sent, their own side is accepted and the other side decided, and neither goes back to undecided.
 */
const settled = new Set<string>();
const MAX_SETTLED = 50_000;

/**
 * Before a message goes into a 1:1 chat: the sender's side becomes a normal chat (writing is
 * accepting), and the other side, if still undecided, becomes a message request when they let
 * only contacts message them and do not have the sender as a contact — else a normal chat.
 * Runs before the message is stored, so the recipient's first look at the chat already sees
 * the request. Group chats and non-members change nothing (one-time filters, no row scan).
 */
export async function settleRequestStates(deps: Deps, chatId: string, senderId: string): Promise<void> {
  const key = `${chatId}:${senderId}`;
  if (settled.has(key)) return;
  const result = await sql<{ userId: string; state: string; before: string | null }>`
    update chat_members m set request_state = case
        when m.user_id = ${senderId} then 'accepted'
        when exists (select 1 from user_settings s where s.user_id = m.user_id and s.message_me = 'contacts')
         and not exists (select 1 from contacts c where c.owner_id = m.user_id and c.contact_id = ${senderId}) then 'pending'
        else 'accepted' end
    where m.chat_id = ${chatId}
      and (select kind from chats where id = ${chatId}) = 'direct'
      and exists (select 1 from chat_members s where s.chat_id = ${chatId} and s.user_id = ${senderId} and s.left_seq is null)
      and (m.request_state is null or (m.user_id = ${senderId} and m.request_state = 'pending'))
    returning m.user_id as "userId", m.request_state as "state", (select o.request_state from chat_members o where o.chat_id = m.chat_id and o.user_id = m.user_id) as before`.execute(deps.db);
  if (settled.size >= MAX_SETTLED) settled.clear();
  settled.add(key);
  // Replying to a message request accepts it: the sender's devices show it as a normal chat.
  // A new request reaches the recipient's devices before its first message (committed first, so
  // streamed first): they file it under "Message requests" and do not notify about it.
  const tell = result.rows.filter((r) => (r.userId === senderId && r.before === 'pending') || (r.userId !== senderId && r.state === 'pending' && r.before !== 'pending'));
  if (tell.length > 0) {
    await transact(deps, (trx, emit) => emitChatUpdated(trx, emit, chatId, tell.map((r) => r.userId), deps.clock.now()));
  }
}

/**
 * Ends `ownerId`'s message request from `otherId` (accepted, or they became contacts) and
 * tells both: the owner's list shows a normal chat, the other now gets receipts and presence.
 */
export async function acceptRequestFrom(trx: Transaction<Database>, emit: Emit, ownerId: string, otherId: string, now: Date): Promise<string | null> {
  const directKey = [ownerId, otherId].sort().join(':');
  const row = await trx
    .updateTable('chatMembers')
    .set({ requestState: 'accepted' })
    .where('userId', '=', ownerId)
    .where('requestState', '=', 'pending')
    .where('chatId', '=', (eb) => eb.selectFrom('chats').select('id').where('directKey', '=', directKey))
    .returning('chatId')
    .executeTakeFirst();
  if (!row) return null;
  await emitChatUpdated(trx, emit, row.chatId, [ownerId, otherId], now);
  return row.chatId;
}

/**
 * Pairs with a message request waiting between them, as `${holder}>${sender}`: the holder got
 * a first message from the sender and has not accepted it. Until then the sender sees none of
 * the holder's read receipts, presence, photo or about (as in Signal).
 */
export async function pendingRequestPairs(db: Kysely<Database>, userId: string, others: readonly string[]): Promise<Set<string>> {
  const keys = [...new Set(others)].filter((o) => o !== userId).map((o) => [userId, o].sort().join(':'));
  if (keys.length === 0) return new Set();
  const rows = await db
    .selectFrom('chats as c')
    .innerJoin('chatMembers as m', 'm.chatId', 'c.id')
    .select(['m.userId', 'c.directKey'])
    .where('c.directKey', 'in', keys)
    .where('m.requestState', '=', 'pending')
    .execute();
  return new Set(rows.map((r) => `${r.userId}>${r.directKey!.split(':').find((id) => id !== r.userId) ?? r.userId}`));
}
