import type { AuthedContext } from '../trpc.js';
import { channels } from '../ports/event-bus.js';
import type { BusMessage } from '../sync/event-types.js';
import type { chatIdInput } from './get-chat.js';
import type { z } from 'zod';
import { activeMemberIds, loadActiveMembership } from './membership.js';

/** "is typing…": sent to the other members who are connected now, never stored. */
export async function typing(ctx: AuthedContext, input: z.infer<typeof chatIdInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  const { chat } = await loadActiveMembership(deps.db, input.chatId, me);
  const others = (await activeMemberIds(deps.db, chat.id)).filter((id) => id !== me);
  const message: BusMessage = { kind: 'ephemeral', event: { type: 'typing', chatId: chat.id, userId: me } };
  await Promise.all(others.map((id) => deps.bus.publish(channels.user(id), message)));
  return { ok: true as const };
}
