import type { Database, Message } from '@confab/db';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { activeMemberIds, isBlockedEitherWay, loadActiveMembership } from '../chats/membership.js';
import { fail } from '../errors.js';
import { newId } from '../lib/ids.js';
import { transact } from '../lib/transact.js';
import type { AuthedContext } from '../trpc.js';
import { toMessageView } from './message-view.js';

export const MAX_TEXT_LENGTH = 65_536;

export const sendMessageInput = z
  .object({
    chatId: z.string().min(1).max(64),
    clientId: z.string().min(1).max(64),
    kind: z.literal('text').default('text'),
    text: z.string().max(MAX_TEXT_LENGTH, `Messages are limited to ${MAX_TEXT_LENGTH} characters`),
    replyToId: z.string().min(1).max(64).optional(),
  })
  .strict()
  .refine((m) => m.text.trim().length > 0, { message: 'A text message needs text', path: ['text'] });

/**
 * Stores a message with the chat's next seq, taken under the chat row's lock, so seqs are
 * gapless and in commit order. A repeated clientId returns the stored message unchanged.
 */
export async function sendMessage(ctx: AuthedContext, input: z.infer<typeof sendMessageInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  const { chat } = await loadActiveMembership(deps.db, input.chatId, me);
  if (chat.deletedAt) throw fail.forbidden('This group was deleted');
  if (chat.kind === 'direct') {
    const peerId = chat.directKey!.split(':').find((id) => id !== me)!;
    if (await isBlockedEitherWay(deps.db, me, peerId)) throw fail.forbidden('You cannot message this contact');
  }
  if (input.replyToId) {
    const quoted = await deps.db.selectFrom('messages').select('id').where('id', '=', input.replyToId).where('chatId', '=', chat.id).executeTakeFirst();
    if (!quoted) throw fail.notFound('Quoted message');
  }

  const message = await transact(deps, async (trx, emit) => {
    const locked = await trx.selectFrom('chats').select(['lastSeq', 'disappearingSeconds']).where('id', '=', chat.id).forUpdate().executeTakeFirstOrThrow();
    const existing = await findByClientId(trx, chat.id, me, input.clientId);
    if (existing) return existing;

    const now = deps.clock.now();
    const seq = locked.lastSeq + 1;
    const stored = await trx
      .insertInto('messages')
      .values({
        id: newId(),
        chatId: chat.id,
        seq,
        senderId: me,
        clientId: input.clientId,
        kind: input.kind,
        text: input.text,
        mediaId: null,
        replyToId: input.replyToId ?? null,
        meta: null,
        createdAt: now,
        editedAt: null,
        deletedAt: null,
        expiresAt: locked.disappearingSeconds ? new Date(now.getTime() + locked.disappearingSeconds * 1000) : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.updateTable('chats').set({ lastSeq: seq, lastActivityAt: now }).where('id', '=', chat.id).execute();
    // A hidden chat comes back when something new arrives; the sender has read their own message.
    await trx.updateTable('chatMembers').set({ hidden: false }).where('chatId', '=', chat.id).where('hidden', '=', true).execute();
    await trx.updateTable('chatMembers').set({ lastReadSeq: seq, lastDeliveredSeq: seq }).where('chatId', '=', chat.id).where('userId', '=', me).execute();
    emit(await activeMemberIds(trx, chat.id), { type: 'message.new', message: toMessageView(stored) });
    return stored;
  });
  return toMessageView(message);
}

async function findByClientId(trx: Transaction<Database>, chatId: string, senderId: string, clientId: string): Promise<Message | undefined> {
  return trx.selectFrom('messages').selectAll().where('chatId', '=', chatId).where('senderId', '=', senderId).where('clientId', '=', clientId).executeTakeFirst();
}
