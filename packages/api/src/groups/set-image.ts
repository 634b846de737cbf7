import { z } from 'zod';
import type { AuthedContext } from '../trpc.js';
import { changeGroup } from './change-group.js';
import { requirePermission } from './group-access.js';
import { requireOwnImage } from './group-image.js';
import { type chatIdOnly } from './group-inputs.js';
import { id } from '../lib/schemas.js';

export const setImageInput = z.object({ chatId: id, mediaId: id }).strict();

/** Sets the group image to an image the caller uploaded (who may: the editInfo setting). */
export async function setImage(ctx: AuthedContext, input: z.infer<typeof setImageInput>) {
  return changeGroup(ctx, input.chatId, {
    authorize: (chat, caller) => requirePermission(chat.editInfoPermission, caller, 'change the group image'),
    apply: async (trx, chat) => {
      await requireOwnImage(trx, ctx.user.id, input.mediaId);
      if (chat.avatarMediaId === input.mediaId) return [];
      await trx.updateTable('chats').set({ avatarMediaId: input.mediaId }).where('id', '=', chat.id).execute();
      return [{ action: 'image_changed', details: { mediaId: input.mediaId } }];
    },
  });
}

export function removeImage(ctx: AuthedContext, input: z.infer<typeof chatIdOnly>) {
  return changeGroup(ctx, input.chatId, {
    authorize: (chat, caller) => requirePermission(chat.editInfoPermission, caller, 'change the group image'),
    apply: async (trx, chat) => {
      if (chat.avatarMediaId === null) return [];
      await trx.updateTable('chats').set({ avatarMediaId: null }).where('id', '=', chat.id).execute();
      return [{ action: 'image_removed' }];
    },
  });
}
