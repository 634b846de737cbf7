import type { Database } from '@confab/db';
import { sql, type Transaction } from 'kysely';

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
