import { z } from 'zod';
import type { AuthedContext } from '../trpc.js';
import { changeGroup } from './change-group.js';
import { requireAdmin } from './group-access.js';
import { id } from '../lib/schemas.js';
import { permissionsOf } from './group-view.js';

const permission = z.enum(['all', 'admins']);

export const setPermissionsInput = z.object({ chatId: id, send: permission, editInfo: permission, addMembers: permission }).strict();

/** Admins decide who may send, edit group info and add members. */
export function setPermissions(ctx: AuthedContext, input: z.infer<typeof setPermissionsInput>) {
  return changeGroup(ctx, input.chatId, {
    authorize: (_chat, caller) => requireAdmin(caller, 'change group permissions'),
    apply: async (trx, chat) => {
      const before = permissionsOf(chat);
      const after = { send: input.send, editInfo: input.editInfo, addMembers: input.addMembers };
      if (before.send === after.send && before.editInfo === after.editInfo && before.addMembers === after.addMembers) return [];
      await trx.updateTable('chats').set({ sendPermission: after.send, editInfoPermission: after.editInfo, addMembersPermission: after.addMembers }).where('id', '=', chat.id).execute();
      return [{ action: 'permissions_changed', details: { permissions: after, previous: before } }];
    },
  });
}
