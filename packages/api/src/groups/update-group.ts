import { z } from 'zod';
import type { AuthedContext } from '../trpc.js';
import { changeGroup } from './change-group.js';
import { requirePermission } from './group-access.js';
import { groupDescription, groupName } from './group-inputs.js';
import { id } from '../lib/schemas.js';
import type { GroupNotice } from './system-message.js';

export const updateGroupInput = z
  .object({ chatId: id, name: groupName.optional(), description: groupDescription.optional() })
  .strict()
  .refine((i) => i.name !== undefined || i.description !== undefined, { message: 'Change the name or the description' });

/** Rename and/or change the description (who may: the group's editInfo setting). */
export function updateGroup(ctx: AuthedContext, input: z.infer<typeof updateGroupInput>) {
  return changeGroup(ctx, input.chatId, {
    authorize: (chat, caller) => requirePermission(chat.editInfoPermission, caller, 'change group info'),
    apply: async (trx, chat) => {
      const notices: Omit<GroupNotice, 'actorId'>[] = [];
      const description = input.description === undefined ? chat.description : input.description || null;
      const name = input.name ?? chat.name;
      if (name !== chat.name) notices.push({ action: 'renamed', details: { name, previousName: chat.name } });
      if (description !== chat.description) notices.push({ action: 'description_changed', details: { description } });
      if (notices.length > 0) await trx.updateTable('chats').set({ name, description }).where('id', '=', chat.id).execute();
      return notices;
    },
  });
}
