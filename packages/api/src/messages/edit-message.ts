import { z } from 'zod';
import { chatAudience } from '../chats/membership.js';
import { withEditedEmoticons } from '../emoticons/message-emoticons.js';
import { fail } from '../errors.js';
import { firstUrlIn } from '../link-preview/find-url.js';
import { transact } from '../lib/transact.js';
import type { AuthedContext } from '../trpc.js';
import { linkMeta } from './kinds/link-content.js';
import { loadVisibleMessage } from './load-visible-message.js';
import { metaOf } from './message-view.js';
import { messageViews } from './messages.repo.js';
import { MAX_CAPTION_LENGTH, MAX_TEXT_LENGTH } from './send-input.js';
import { id } from '../lib/schemas.js';

export const editMessageInput = z
  .object({ messageId: id, text: z.string().trim().min(1, 'A message needs text').max(MAX_TEXT_LENGTH) })
  .strict();

/** Kinds whose text the author may change: messages and captions. */
const EDITABLE = new Set(['text', 'link', 'image', 'video', 'document']);

/**
 * The author changes the text (or a caption); the previous text is kept in message_edits for
 * them (messages.edits). A link whose URL changed gets a fresh preview, fetched before the
 * transaction like on send, and the author's `:shortcut:`s are looked up again as on send.
 */
export async function editMessage(ctx: AuthedContext, input: z.infer<typeof editMessageInput>) {
  const { deps } = ctx;
  const now = deps.clock.now();
  const { message, member } = await loadVisibleMessage(deps.db, input.messageId, ctx.user.id, now);
  if (message.senderId !== ctx.user.id) throw fail.forbidden('Only the author can edit a message');
  if (member.leftSeq !== null) throw fail.forbidden('You are no longer a member of this chat');
  if (message.deletedAt) throw fail.badRequest('A deleted message cannot be edited');
  if (!EDITABLE.has(message.kind)) throw fail.badRequest('Only text messages and captions can be edited');
  if (message.kind !== 'text' && message.kind !== 'link' && input.text.length > MAX_CAPTION_LENGTH) throw fail.badRequest(`Captions are limited to ${MAX_CAPTION_LENGTH} characters`);

  let meta = metaOf(message);
  if (message.kind === 'link') {
    const before = (meta?.link as { url?: string } | undefined)?.url ?? null;
    if (firstUrlIn(input.text) !== before) meta = { ...meta, ...(await linkMeta(deps, input.text)) };
  }
  // `:party:` typed into the new text is drawn as on send; ones taken out stop being drawn.
  meta = await withEditedEmoticons(deps.db, ctx.user.id, input.text, meta);

  return transact(deps, async (trx, emit) => {
    await trx.insertInto('messageEdits').values({ messageId: message.id, previousText: message.text ?? '', editedAt: now }).execute();
    const row = await trx
      .updateTable('messages')
      .set({ text: input.text, editedAt: now, meta: meta === null ? null : JSON.stringify(meta) })
      .where('id', '=', message.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const [view] = await messageViews(trx, [row], now);
    emit(await chatAudience(trx, message.chatId), { type: 'message.updated', message: view! });
    return view!;
  });
}
