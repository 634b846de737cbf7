import type { Deps } from '../deps.js';
import { transact } from '../lib/transact.js';
import { markDetached } from '../media/media.repo.js';

const BATCH = 500;

/**
 * Deletes messages whose disappearing timer ran out (their reactions, edits and hidden marks
 * go with them through the foreign keys) and sends `message.deleted` (forEveryone, expired) to
 * every member whose window held the message, so each device drops it from its cache.
 * History and search already skip expired rows; this removes them from the server. Safe to
 * run in several processes at once: only the process whose DELETE removed a row reports it.
 */
export async function sweepExpiredMessages(deps: Deps): Promise<number> {
  let total = 0;
  for (;;) {
    const now = deps.clock.now();
    const due = await deps.db.selectFrom('messages').select('id').where('expiresAt', '<=', now).orderBy('expiresAt').limit(BATCH).execute();
    if (due.length === 0) return total;
    total += await transact(deps, async (trx, emit) => {
      const deleted = await trx
        .deleteFrom('messages')
        .where('id', 'in', due.map((m) => m.id))
        .where('expiresAt', '<=', now)
        .returning(['id', 'chatId', 'seq', 'mediaId'])
        .execute();
      if (deleted.length === 0) return 0;
      // Their files go too, by the media collector, once nothing else (a forward) uses them.
      await markDetached(trx, deleted.map((m) => m.mediaId), now);
      const members = await trx
        .selectFrom('chatMembers')
        .select(['chatId', 'userId', 'joinedSeq', 'leftSeq'])
        .where('chatId', 'in', [...new Set(deleted.map((m) => m.chatId))])
        .execute();
      // In each chat's order, so devices drop them the way they arrived.
      deleted.sort((a, b) => a.chatId.localeCompare(b.chatId) || a.seq - b.seq);
      for (const message of deleted) {
        const recipients = members
          .filter((m) => m.chatId === message.chatId && m.joinedSeq < message.seq && (m.leftSeq === null || message.seq <= m.leftSeq))
          .map((m) => m.userId);
        emit(recipients, { type: 'message.deleted', chatId: message.chatId, messageId: message.id, seq: message.seq, forEveryone: true, expired: true });
      }
      return deleted.length;
    });
    if (due.length < BATCH) return total;
  }
}
