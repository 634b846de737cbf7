import { z } from 'zod';
import { newId } from '../lib/ids.js';
import { transact } from '../lib/transact.js';
import type { AuthedContext } from '../trpc.js';
import { decideAdds } from './add-policy.js';
import { groupDescription, groupName, MAX_GROUP_MEMBERS, userIds } from './group-inputs.js';
import { id } from '../lib/schemas.js';
import { requireOwnImage } from './group-image.js';
import { inviteToGroup } from './invitations.repo.js';
import { admitMembers, announceChatToNewMembers } from './membership-changes.js';
import { postNotice } from './system-message.js';

export const createGroupInput = z
  .object({
    name: groupName,
    memberIds: userIds(MAX_GROUP_MEMBERS - 1),
    imageMediaId: id.optional(),
    description: groupDescription.optional(),
  })
  .strict();

/**
 * The creator becomes the owner; the people picked are added, or invited where their privacy
 * setting asks for it. Seq 1 is the "created the group" notice, so the creation time shows in
 * history.
 */
export async function createGroup(ctx: AuthedContext, input: z.infer<typeof createGroupInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  const now = deps.clock.now();
  if (input.imageMediaId) await requireOwnImage(deps.db, me, input.imageMediaId);
  const decision = await decideAdds(deps.db, me, input.memberIds.filter((memberId) => memberId !== me));
  const chatId = newId();

  return transact(deps, async (trx, emit) => {
    await trx
      .insertInto('chats')
      .values({
        id: chatId,
        kind: 'group',
        directKey: null,
        name: input.name,
        description: input.description || null,
        avatarMediaId: input.imageMediaId ?? null,
        createdBy: me,
        createdAt: now,
        lastActivityAt: now,
        disappearingSeconds: null,
        deletedAt: null,
      })
      .execute();
    await admitMembers(trx, chatId, [me], 'owner', now);
    await admitMembers(trx, chatId, decision.add, 'member', now);
    const notice = await postNotice(trx, emit, chatId, { action: 'created', actorId: me, targetIds: decision.add, details: { name: input.name } }, now);
    const views = await announceChatToNewMembers(trx, emit, chatId, [me, ...decision.add], notice);
    await inviteToGroup(trx, emit, chatId, me, decision.invite, now);
    return { chat: views.get(me)!, added: decision.add, invited: decision.invite, notAdded: decision.skip };
  });
}
