import { blockedEitherWay } from '../chats/blocks.repo.js';
import type { Deps } from '../deps.js';
import { channels } from '../ports/event-bus.js';
import { viewersAllowed } from '../settings/privacy.js';
import type { BusMessage } from '../sync/event-types.js';
import { coMemberIds } from './presence.repo.js';

/**
 * Tells the people who share a chat with the user that they came online or went away: only
 * those the user's "last seen" privacy setting lets see it, and nobody across a block.
 * Ephemeral: only connected devices hear it; anyone connecting later asks users.presence.
 */
export async function announcePresence(deps: Deps, userId: string, online: boolean, lastSeenAt: Date | null): Promise<void> {
  const coMembers = await coMemberIds(deps.db, userId);
  const [audience, blocked] = await Promise.all([viewersAllowed(deps.db, userId, coMembers, 'lastSeen'), blockedEitherWay(deps.db, userId, coMembers)]);
  audience.delete(userId);
  for (const id of blocked) audience.delete(id);
  const message: BusMessage = { kind: 'ephemeral', event: { type: 'presence', userId, online, lastSeenAt: lastSeenAt?.toISOString() ?? null } };
  await Promise.all([...audience].map((id) => deps.bus.publish(channels.user(id), message)));
}
