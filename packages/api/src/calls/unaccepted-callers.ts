import type { CallParticipant, Call, Database } from '@confab/db';
import { sql, type Transaction } from 'kysely';
import { blockedEitherWay } from '../chats/blocks.repo.js';
import { emitChatUpdated } from '../chats/chat-updated.js';
import type { CallChange } from './call-change.js';

/**
 * The callees of a 1:1 call who have not accepted the caller: they let only contacts message
 * them and the caller is a stranger (the chat is, or would be, a message request on their
 * side). As in Signal, such a call does not ring them; it rings out unanswered for the caller.
 * Accepting the request, or adding the caller as a contact, lets the next call ring.
 */
export async function calleesWhoHaveNotAccepted(trx: Transaction<Database>, chatId: string, callerId: string, calleeIds: readonly string[]): Promise<Set<string>> {
  if (calleeIds.length === 0) return new Set();
  const rows = await sql<{ userId: string }>`
    select m.user_id as "userId" from chat_members m
    where m.chat_id = ${chatId} and m.user_id in (${sql.join(calleeIds)})
      and (m.request_state = 'pending'
        or (m.request_state is null
          and exists (select 1 from user_settings s where s.user_id = m.user_id and s.message_me = 'contacts')
          and not exists (select 1 from contacts c where c.owner_id = m.user_id and c.contact_id = ${callerId})))`.execute(trx);
  return new Set(rows.rows.map((r) => r.userId));
}

/**
 * When a 1:1 call that passed over its callee quietly ends: the callee who was not rung only
 * because the caller is a stranger (not because either blocked the other) still learns someone
 * tried, as in Signal. The chat becomes their message request — it was one, or would have been —
 * and `chat.updated` says so before the call's line arrives, so their devices file the "Missed
 * voice call" under Message requests and stay silent (no ring, no missed-call notification).
 * Returns whether such a callee exists: then the chat gets the call's line.
 */
export async function leaveTraceForQuietCallee(change: CallChange, call: Call, participants: readonly CallParticipant[]): Promise<boolean> {
  const { trx, emit, now } = change;
  const passedOver = participants.filter((p) => p.userId !== call.callerId && p.state === 'blocked').map((p) => p.userId);
  if (passedOver.length === 0) return false;
  const blocked = await blockedEitherWay(trx, call.callerId, passedOver);
  const quiet = passedOver.filter((userId) => !blocked.has(userId));
  if (quiet.length === 0) return false;
  // Someone who added the caller or accepted the request while it rang out keeps a normal chat.
  const undecided = [...(await calleesWhoHaveNotAccepted(trx, call.chatId, call.callerId, quiet))];
  if (undecided.length > 0) {
    const filed = await trx
      .updateTable('chatMembers')
      .set({ requestState: 'pending' })
      .where('chatId', '=', call.chatId)
      .where('userId', 'in', undecided)
      .where('requestState', 'is', null)
      .returning('userId')
      .execute();
    if (filed.length > 0) await emitChatUpdated(trx, emit, call.chatId, filed.map((r) => r.userId), now);
  }
  return true;
}
