import { z } from 'zod';
import { fail } from '../errors.js';
import { transact } from '../lib/transact.js';
import { deleteForEveryone } from './delete-for-everyone.js';
import type { AuthedContext } from '../trpc.js';
import { loadVisibleMessage } from './load-visible-message.js';
import { id } from '../lib/schemas.js';

/** How long after sending a message its author may still delete it for everyone. */
export const DELETE_FOR_EVERYONE_SECONDS = 48 * 60 * 60;

export const deleteMessageInput = z.object({ messageId: id, forEveryone: z.boolean() }).strict();

/**
 * For everyone: the author (within 48 h) or a group admin blanks the content and leaves a
 * placeholder. For me: the message is hidden from the caller only.
 */
export async function deleteMessage(ctx: AuthedContext, input: z.infer<typeof deleteMessageInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  const now = deps.clock.now();
  const { message, member, chat } = await loadVisibleMessage(deps.db, input.messageId, me, now);

  if (!input.forEveryone) {
    await transact(deps, async (trx, emit) => {
      await trx.insertInto('hiddenMessages').values({ userId: me, messageId: message.id }).onConflict((oc) => oc.doNothing()).execute();
      emit([me], { type: 'message.deleted', chatId: message.chatId, messageId: message.id, seq: message.seq, forEveryone: false });
    });
    return { ok: true as const };
  }

  const isAuthor = message.senderId === me;
  const isGroupAdmin = chat.kind === 'group' && (member.role === 'admin' || member.role === 'owner');
  if (member.leftSeq !== null || (!isAuthor && !isGroupAdmin)) throw fail.forbidden('You can only delete your own messages for everyone');
  if (message.deletedAt) return { ok: true as const };
  const ageSeconds = (now.getTime() - new Date(message.createdAt).getTime()) / 1000;
  if (isAuthor && ageSeconds > DELETE_FOR_EVERYONE_SECONDS) throw fail.forbidden('Messages older than 48 hours can only be deleted for you');

  await transact(deps, (trx, emit) => deleteForEveryone(trx, emit, message, now));
  return { ok: true as const };
}
