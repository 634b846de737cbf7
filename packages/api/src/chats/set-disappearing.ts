import { z } from 'zod';
import { fail } from '../errors.js';
import { newId } from '../lib/ids.js';
import { transact } from '../lib/transact.js';
import { insertMessage } from '../messages/insert-message.js';
import { messagingSettings } from '../messages/messaging-settings.js';
import type { AuthedContext } from '../trpc.js';
import { emitChatUpdated } from './chat-updated.js';
import { activeMemberIds, loadActiveMembership } from './membership.js';
import { lockChat } from '../lib/locks.js';
import { id } from '../lib/schemas.js';

/** Off, 24 hours, 7 days, 90 days: the timers people can pick. */
export const DISAPPEARING_TIMERS = [86_400, 604_800, 7_776_000] as const;

export const setDisappearingInput = z
  .object({ chatId: id, seconds: z.number().int().positive().max(7_776_000).nullable() })
  .strict();

const LABELS: Record<number, string> = { 86_400: '24 hours', 604_800: '7 days', 7_776_000: '90 days' };
const labelOf = (seconds: number) => LABELS[seconds] ?? `${seconds} seconds`;

/**
 * Sets the chat's disappearing-message timer: messages sent from now on expire that long after
 * sending (messages already sent keep theirs). Members hear `chat.updated` and see a notice in
 * the chat. In a group whose info only admins may edit, only admins may change it.
 */
export async function setDisappearing(ctx: AuthedContext, input: z.infer<typeof setDisappearingInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  const { chat, member } = await loadActiveMembership(deps.db, input.chatId, me);
  if (chat.deletedAt) throw fail.forbidden('This group was deleted');
  if (chat.kind === 'group' && chat.editInfoPermission === 'admins' && member.role === 'member') throw fail.forbidden('Only admins can change this group');
  const allowed = input.seconds === null || (DISAPPEARING_TIMERS as readonly number[]).includes(input.seconds) || messagingSettings(deps).disappearingAllowAny;
  if (!allowed) throw fail.badRequest('Pick 24 hours (86400), 7 days (604800), 90 days (7776000) or null for off');

  const now = deps.clock.now();
  return transact(deps, async (trx, emit) => {
    const locked = await lockChat(trx, chat.id);
    if (!locked) throw fail.notFound('Chat');
    if (locked.disappearingSeconds !== input.seconds) {
      await trx.updateTable('chats').set({ disappearingSeconds: input.seconds }).where('id', '=', chat.id).execute();
      const actor = await trx.selectFrom('users').select(['name', 'phone']).where('id', '=', me).executeTakeFirstOrThrow();
      const who = actor.name || 'Someone';
      const text = input.seconds === null ? `${who} turned off disappearing messages` : `${who} turned on disappearing messages: new messages disappear ${labelOf(input.seconds)} after they are sent`;
      await insertMessage(trx, emit, {
        chatId: chat.id,
        senderId: me,
        clientId: `system:${newId()}`,
        content: { kind: 'system', text, mediaId: null, meta: { action: 'disappearing_changed', actorId: me, seconds: input.seconds } },
        replyToId: null,
        now,
        notice: true,
      });
    }
    const views = await emitChatUpdated(trx, emit, chat.id, await activeMemberIds(trx, chat.id), now);
    return views.get(me)!;
  });
}
