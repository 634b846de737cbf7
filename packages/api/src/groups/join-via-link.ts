import { z } from 'zod';
import { fail } from '../errors.js';
import { transact } from '../lib/transact.js';
import type { AuthedContext } from '../trpc.js';
import { countActiveMembers, loadChat } from './group-view.js';
import { groupOfCode, inviteCode } from './invite-link.js';
import { joinGroup } from './join-group.js';
import { lockChat } from '../lib/locks.js';

export const inviteCodeInput = z.object({ code: inviteCode }).strict();

/** What a link leads to — name, image, description, member count — without joining. */
export async function previewInvite(ctx: AuthedContext, input: z.infer<typeof inviteCodeInput>) {
  const { db } = ctx.deps;
  const chatId = await groupOfCode(db, input.code);
  if (!chatId) throw fail.notFound('Invite link');
  const [chat, memberCount, mine] = await Promise.all([
    loadChat(db, chatId),
    countActiveMembers(db, chatId),
    db.selectFrom('chatMembers').select('userId').where('chatId', '=', chatId).where('userId', '=', ctx.user.id).where('leftSeq', 'is', null).executeTakeFirst(),
  ]);
  return {
    chatId,
    name: chat.name ?? 'Group',
    description: chat.description,
    avatarMediaId: chat.avatarMediaId,
    createdAt: new Date(chat.createdAt).toISOString(),
    memberCount,
    alreadyMember: mine !== undefined,
  };
}

/** Joins through an active link. Joining again (already a member) returns the chat unchanged. */
export async function joinViaLink(ctx: AuthedContext, input: z.infer<typeof inviteCodeInput>) {
  const { deps } = ctx;
  return transact(deps, async (trx, emit) => {
    const chatId = await groupOfCode(trx, input.code);
    if (!chatId) throw fail.notFound('Invite link');
    // Revocation takes the chat row lock too: once we hold it, a revoke that committed while we
    // waited is visible to the re-check, so a revoked code never lets anyone in.
    await lockChat(trx, chatId);
    if ((await groupOfCode(trx, input.code)) !== chatId) throw fail.notFound('Invite link');
    return joinGroup(trx, emit, { chatId, userId: ctx.user.id, action: 'joined_via_link' }, deps.clock.now());
  });
}
