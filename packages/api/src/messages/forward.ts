import type { Message } from '@confab/db';
import { z } from 'zod';
import { loadMembership } from '../chats/membership.js';
import { fail } from '../errors.js';
import { newId } from '../lib/ids.js';
import { transact } from '../lib/transact.js';
import type { AuthedContext } from '../trpc.js';
import { insertMessage } from './insert-message.js';
import { loadVisibleMessage } from './load-visible-message.js';
import { metaOf, toMessageView } from './message-view.js';
import { assertMayPost } from './post-rules.js';
import { id } from '../lib/schemas.js';

export const MAX_FORWARD_CHATS = 20;

export const forwardInput = z
  .object({
    messageId: id,
    chatIds: z
      .array(id)
      .min(1, 'Pick at least one chat')
      .max(MAX_FORWARD_CHATS, `Forward to at most ${MAX_FORWARD_CHATS} chats at once`)
      .transform((ids) => [...new Set(ids)]),
    /** Makes a retried forward idempotent: each target chat stores it once under this id. */
    clientId: id.optional(),
  })
  .strict();

const NOT_FORWARDABLE = new Set(['system', 'poll']);

/**
 * Copies a message the caller can see into other chats they are an active member of: the same
 * content and media reference (members of the target chat may then download it), marked as
 * forwarded, without the quote. Any target the caller is not in is NOT_FOUND, and then nothing
 * is sent at all.
 */
export async function forwardMessage(ctx: AuthedContext, input: z.infer<typeof forwardInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  const now = deps.clock.now();
  const { message } = await loadVisibleMessage(deps.db, input.messageId, me, now);
  if (message.deletedAt) throw fail.badRequest('A deleted message cannot be forwarded');
  if (NOT_FORWARDABLE.has(message.kind)) throw fail.badRequest(`A ${message.kind} message cannot be forwarded`);

  const targets: string[] = [];
  for (const chatId of input.chatIds) {
    const membership = await loadMembership(deps.db, chatId, me);
    if (membership.member.leftSeq !== null) throw fail.notFound('Chat');
    await assertMayPost(deps.db, membership, me);
    targets.push(membership.chat.id);
  }

  const { mentions: _mentions, ...meta } = metaOf(message) ?? {};
  const content = { kind: message.kind, text: message.text, mediaId: message.mediaId, meta: { ...meta, forwarded: true } };
  const clientId = input.clientId ?? `forward:${newId()}`;
  const sent = await transact(deps, async (trx, emit) => {
    const stored: Message[] = [];
    // One lock order for every forwarder, so two forwards into the same chats cannot deadlock.
    for (const chatId of [...targets].sort()) {
      const { message: copy } = await insertMessage(trx, emit, { chatId, senderId: me, clientId, content, replyToId: null, now });
      stored.push(copy);
    }
    return stored;
  });
  return { messages: sent.map((m) => toMessageView(m)) };
}
