import { z } from 'zod';
import { activeMemberIds } from '../chats/membership.js';
import { fail } from '../errors.js';
import { transact } from '../lib/transact.js';
import type { AuthedContext } from '../trpc.js';
import { loadVisibleMessage } from './load-visible-message.js';
import { toMessageView } from './message-view.js';
import { reactionsFor } from './messages.repo.js';
import { MAX_TEXT_LENGTH } from './send-message.js';

export const editMessageInput = z
  .object({ messageId: z.string().min(1).max(64), text: z.string().trim().min(1, 'A message needs text').max(MAX_TEXT_LENGTH) })
  .strict();

/** The author changes the text; the previous text is kept for them in message_edits. */
export async function editMessage(ctx: AuthedContext, input: z.infer<typeof editMessageInput>) {
  const { deps } = ctx;
  const now = deps.clock.now();
  const { message, member } = await loadVisibleMessage(deps.db, input.messageId, ctx.user.id, now);
  if (message.senderId !== ctx.user.id) throw fail.forbidden('Only the author can edit a message');
  if (member.leftSeq !== null) throw fail.forbidden('You are no longer a member of this chat');
  if (message.deletedAt) throw fail.badRequest('A deleted message cannot be edited');
  if (message.kind !== 'text' && message.kind !== 'link') throw fail.badRequest('Only text messages can be edited');

  const updated = await transact(deps, async (trx, emit) => {
    await trx.insertInto('messageEdits').values({ messageId: message.id, previousText: message.text ?? '', editedAt: now }).execute();
    const row = await trx.updateTable('messages').set({ text: input.text, editedAt: now }).where('id', '=', message.id).returningAll().executeTakeFirstOrThrow();
    const view = toMessageView(row, (await reactionsFor(trx, [row.id])).get(row.id));
    emit(await activeMemberIds(trx, message.chatId), { type: 'message.updated', message: view });
    return view;
  });
  return updated;
}
