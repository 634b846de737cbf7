import { z } from 'zod';
import { buildChatView } from '../chats/chat-summary.js';
import { emitChatUpdated } from '../chats/chat-updated.js';
import { updateOwnMembership } from '../chats/member-settings.js';
import { loadMembership } from '../chats/membership.js';
import { fail } from '../errors.js';
import { id } from '../lib/schemas.js';
import { transact } from '../lib/transact.js';
import { peerOf } from '../messages/post-rules.js';
import type { AuthedContext } from '../trpc.js';

export const messageRequestInput = z.object({ chatId: id }).strict();
export const deleteMessageRequestInput = z.object({ chatId: id, block: z.boolean().default(false) }).strict();

/** First messages from strangers (while "who can message me" is 'contacts'), newest first. */
export async function messageRequests(ctx: AuthedContext) {
  const { db, clock } = ctx.deps;
  const now = clock.now();
  const rows = await db
    .selectFrom('chatMembers as m')
    .innerJoin('chats as c', 'c.id', 'm.chatId')
    .select('m.chatId')
    .where('m.userId', '=', ctx.user.id)
    .where('m.requestState', '=', 'pending')
    .where('m.hidden', '=', false)
    .orderBy('c.lastActivityAt', 'desc')
    .limit(200)
    .execute();
  return Promise.all(rows.map(async (r) => buildChatView(db, await loadMembership(db, r.chatId, ctx.user.id), now)));
}

async function loadRequest(ctx: AuthedContext, chatId: string) {
  const membership = await loadMembership(ctx.deps.db, chatId, ctx.user.id);
  const peer = peerOf(membership.chat, ctx.user.id);
  if (!peer) throw fail.badRequest('Only a 1:1 chat can be a message request');
  return { membership, peer };
}

/** The chat becomes a normal one: the sender now gets my receipts and presence. Idempotent. */
export async function acceptMessageRequest(ctx: AuthedContext, input: z.infer<typeof messageRequestInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  const { membership, peer } = await loadRequest(ctx, input.chatId);
  return transact(deps, async (trx, emit) => {
    await trx.updateTable('chatMembers').set({ requestState: 'accepted' }).where('chatId', '=', membership.chat.id).where('userId', '=', me).where('requestState', '=', 'pending').execute();
    const views = await emitChatUpdated(trx, emit, membership.chat.id, [me, peer], deps.clock.now());
    return views.get(me)!;
  });
}

/**
 * "Delete" (and optionally "Block") as Signal has them: the messages go for me and the chat
 * leaves my list; it is still a request, so a new message brings it back as one.
 */
export async function deleteMessageRequest(ctx: AuthedContext, input: z.infer<typeof deleteMessageRequestInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  const { membership, peer } = await loadRequest(ctx, input.chatId);
  if (membership.member.requestState !== 'pending') throw fail.badRequest('This chat is not a message request');
  if (input.block) {
    await deps.db.insertInto('blocks').values({ blockerId: me, blockedId: peer, createdAt: deps.clock.now() }).onConflict((oc) => oc.columns(['blockerId', 'blockedId']).doNothing()).execute();
  }
  return updateOwnMembership(ctx, input.chatId, (member, newest) => ({ clearedSeq: newest, lastReadSeq: Math.max(member.lastReadSeq, newest), hidden: true, hiddenUntil: null }));
}
