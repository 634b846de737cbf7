import { z } from 'zod';
import { fail } from '../errors.js';
import { newId } from '../lib/ids.js';
import type { AuthedContext } from '../trpc.js';
import { buildChatView } from './chat-summary.js';
import { loadMembership } from './membership.js';
import { id } from '../lib/schemas.js';

export const openDirectInput = z.object({ userId: id }).strict();

/** Create-or-get the one 1:1 chat between the caller and another user. */
export async function openDirect(ctx: AuthedContext, input: z.infer<typeof openDirectInput>) {
  const { db, clock } = ctx.deps;
  const me = ctx.user.id;
  if (input.userId === me) throw fail.badRequest('Pick someone other than yourself');
  const other = await db.selectFrom('users').select('id').where('id', '=', input.userId).where('deletedAt', 'is', null).executeTakeFirst();
  if (!other) throw fail.notFound('User');

  const directKey = [me, other.id].sort().join(':');
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    const created = await trx
      .insertInto('chats')
      .values({ id: newId(), kind: 'direct', directKey, name: null, description: null, avatarMediaId: null, createdBy: me, createdAt: now, lastActivityAt: now, disappearingSeconds: null, deletedAt: null })
      .onConflict((oc) => oc.column('directKey').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (created) {
      await trx
        .insertInto('chatMembers')
        .values([me, other.id].map((userId) => ({ chatId: created.id, userId, role: 'member' as const, joinedAt: now, leftAt: null, joinedSeq: 0, leftSeq: null, mutedUntil: null, theme: null, background: null })))
        .execute();
    }
  });
  const chat = await db.selectFrom('chats').select('id').where('directKey', '=', directKey).executeTakeFirstOrThrow();
  return buildChatView(db, await loadMembership(db, chat.id, me), now);
}
