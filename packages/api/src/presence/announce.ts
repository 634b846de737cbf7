import type { Database } from '@confab/db';
import type { Kysely } from 'kysely';
import { blockedEitherWay } from '../chats/blocks.repo.js';
import type { Deps } from '../deps.js';
import { channels } from '../ports/event-bus.js';
import { viewersAllowed } from '../settings/privacy.js';
import type { BusMessage, EphemeralEvent } from '../sync/event-types.js';
import { coMemberIds } from './presence.repo.js';

type PresenceEvent = Extract<EphemeralEvent, { type: 'presence' }>;

/**
 * Who hears the user come online or go away: the people who share a chat with them, as far as
 * the user's "last seen" privacy setting lets them see it, and nobody across a block.
 */
export async function presenceAudience(db: Kysely<Database>, userId: string): Promise<Set<string>> {
  const coMembers = await coMemberIds(db, userId);
  const [audience, blocked] = await Promise.all([viewersAllowed(db, userId, coMembers, 'lastSeen'), blockedEitherWay(db, userId, coMembers)]);
  audience.delete(userId);
  for (const id of blocked) audience.delete(id);
  return audience;
}

/** Ephemeral: only connected devices hear it; anyone connecting later asks users.presence. */
export async function publishPresence(deps: Deps, recipients: Iterable<string>, event: PresenceEvent): Promise<void> {
  const message: BusMessage = { kind: 'ephemeral', event };
  await Promise.all([...recipients].map((id) => deps.bus.publish(channels.user(id), message)));
}

/** Tells the user's presence audience that they came online or went away. */
export async function announcePresence(deps: Deps, userId: string, online: boolean, lastSeenAt: Date | null): Promise<void> {
  const audience = await presenceAudience(deps.db, userId);
  await publishPresence(deps, audience, { type: 'presence', userId, online, lastSeenAt: lastSeenAt?.toISOString() ?? null });
}
