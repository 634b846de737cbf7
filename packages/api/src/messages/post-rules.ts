import type { Database } from '@confab/db';
import type { Kysely } from 'kysely';
import { isBlockedEitherWay, type Membership } from '../chats/membership.js';
import { fail } from '../errors.js';
import { assertMaySend } from '../groups/send-rules.js';

/** The other person in a 1:1 chat. */
export function peerOf(chat: Membership['chat'], me: string): string | null {
  if (chat.kind !== 'direct' || !chat.directKey) return null;
  return chat.directKey.split(':').find((id) => id !== me) ?? null;
}

/**
 * Whether an active member may post to this chat now: not a deleted group, not a 1:1 chat
 * with someone either side blocked, and not an admins-only group for a plain member.
 */
export async function assertMayPost(db: Kysely<Database>, { chat, member }: Membership, me: string): Promise<void> {
  if (chat.deletedAt) throw fail.forbidden('This group was deleted');
  const peer = peerOf(chat, me);
  if (peer && (await isBlockedEitherWay(db, me, peer))) throw fail.forbidden('You cannot message this contact');
  assertMaySend(chat, member);
}
