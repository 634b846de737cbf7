import type { z } from 'zod';
import { limitAction } from '../lib/action-limits.js';
import { channels } from '../ports/event-bus.js';
import type { BusMessage } from '../sync/event-types.js';
import type { AuthedContext } from '../trpc.js';
import { blockedEitherWay } from './blocks.repo.js';
import type { chatIdInput } from './get-chat.js';
import { activeMemberIds, loadActiveMembership } from './membership.js';

/** "is typing…": sent to the other members who are connected now, never stored; not across a block. */
export async function typing(ctx: AuthedContext, input: z.infer<typeof chatIdInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  await limitAction(deps, 'typing', me);
  const { chat, member } = await loadActiveMembership(deps.db, input.chatId, me);
  // Typing in a message request not yet accepted tells the stranger nothing (as in Signal).
  if (member.requestState === 'pending') return { ok: true as const };
  const others = (await activeMemberIds(deps.db, chat.id)).filter((id) => id !== me);
  const blocked = await blockedEitherWay(deps.db, me, others);
  const message: BusMessage = { kind: 'ephemeral', event: { type: 'typing', chatId: chat.id, userId: me } };
  await Promise.all(others.filter((id) => !blocked.has(id)).map((id) => deps.bus.publish(channels.user(id), message)));
  return { ok: true as const };
}
