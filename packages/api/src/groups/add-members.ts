import { z } from 'zod';
import { activeMemberIds } from '../chats/membership.js';
import { fail } from '../errors.js';
import { transact } from '../lib/transact.js';
import type { AuthedContext } from '../trpc.js';
import { decideAdds } from './add-policy.js';
import { assertKnowsChat, lockGroup, requirePermission } from './group-access.js';
import { MAX_GROUP_MEMBERS, userIds } from './group-inputs.js';
import { id } from '../lib/schemas.js';
import { countActiveMembers } from './group-view.js';
import { inviteToGroup } from './invitations.repo.js';
import { admitMembers, announceChatToNewMembers } from './membership-changes.js';
import { postNotice } from './system-message.js';

export const addMembersInput = z.object({ chatId: id, userIds: userIds(1024).refine((ids) => ids.length > 0, 'Pick someone to add') }).strict();

/**
 * Adds people (or invites them, where their privacy setting asks for it). Current members are
 * skipped, so adding twice is harmless; someone who left comes back with a new window.
 */
export async function addMembers(ctx: AuthedContext, input: z.infer<typeof addMembersInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  await assertKnowsChat(ctx, input.chatId);
  const decision = await decideAdds(deps.db, me, input.userIds.filter((userId) => userId !== me));

  return transact(deps, async (trx, emit) => {
    const { chat, me: caller } = await lockGroup(trx, input.chatId, me);
    requirePermission(chat.addMembersPermission, caller, 'add members');
    const current = new Set(await activeMemberIds(trx, chat.id));
    const toAdd = decision.add.filter((userId) => !current.has(userId));
    const toInvite = decision.invite.filter((userId) => !current.has(userId));
    if (current.size + toAdd.length > MAX_GROUP_MEMBERS) throw fail.badRequest(`A group has at most ${MAX_GROUP_MEMBERS} members`);

    if (toAdd.length > 0) {
      await admitMembers(trx, chat.id, toAdd, 'member', deps.clock.now());
      const notice = await postNotice(trx, emit, chat.id, { action: 'added', actorId: me, targetIds: toAdd }, deps.clock.now());
      const everyone = await activeMemberIds(trx, chat.id);
      for (const userId of toAdd) emit(everyone, { type: 'member.joined', chatId: chat.id, userId });
      await announceChatToNewMembers(trx, emit, chat.id, toAdd, notice);
    }
    await inviteToGroup(trx, emit, chat.id, me, toInvite, deps.clock.now());
    return {
      added: toAdd,
      invited: toInvite,
      notAdded: decision.skip,
      alreadyMembers: input.userIds.filter((userId) => current.has(userId) && userId !== me),
      memberCount: await countActiveMembers(trx, chat.id),
    };
  });
}
