import type { Database, Message } from '@confab/db';
import type { Kysely } from 'kysely';
import { loadMembership, visibleRange, type Membership } from '../chats/membership.js';
import { fail } from '../errors.js';
import { findMessage } from './messages.repo.js';

/** A message the caller may see, with their membership; NOT_FOUND for everything else. */
export async function loadVisibleMessage(db: Kysely<Database>, messageId: string, userId: string, now: Date): Promise<Membership & { message: Message }> {
  const message = await findMessage(db, messageId);
  if (!message) throw fail.notFound('Message');
  const membership = await loadMembership(db, message.chatId, userId).catch(() => {
    throw fail.notFound('Message');
  });
  const { after, upTo } = visibleRange(membership.member);
  const expired = message.expiresAt !== null && new Date(message.expiresAt) <= now;
  if (message.seq <= after || (upTo !== null && message.seq > upTo) || expired) throw fail.notFound('Message');
  return { ...membership, message };
}
