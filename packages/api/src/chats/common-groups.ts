import { sql } from 'kysely';
import { z } from 'zod';
import { fail } from '../errors.js';
import type { AuthedContext } from '../trpc.js';
import { loadUser } from '../users/users.repo.js';
import { id } from '../lib/schemas.js';

export const commonGroupsInput = z.object({ userId: id }).strict();

/** Groups the caller and another user are both in now, most recently active first. */
export async function commonGroups(ctx: AuthedContext, input: z.infer<typeof commonGroupsInput>) {
  const { db } = ctx.deps;
  const me = ctx.user.id;
  if (input.userId === me) throw fail.badRequest('Pick someone other than yourself');
  await loadUser(db, input.userId);
  const groups = await db
    .selectFrom('chats as c')
    .innerJoin('chatMembers as mine', (j) => j.onRef('mine.chatId', '=', 'c.id').on('mine.userId', '=', me).on('mine.leftSeq', 'is', null))
    .innerJoin('chatMembers as theirs', (j) => j.onRef('theirs.chatId', '=', 'c.id').on('theirs.userId', '=', input.userId).on('theirs.leftSeq', 'is', null))
    .select(['c.id', 'c.name', 'c.avatarMediaId', 'c.lastActivityAt'])
    .select((eb) =>
      eb
        .selectFrom('chatMembers as all')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('all.chatId', '=', 'c.id')
        .where('all.leftSeq', 'is', null)
        .as('memberCount'),
    )
    .where('c.kind', '=', 'group')
    .where('c.deletedAt', 'is', null)
    .orderBy('c.lastActivityAt', 'desc')
    .orderBy('c.id')
    .execute();
  return {
    groups: groups.map((g) => ({ id: g.id, name: g.name ?? 'Group', avatarMediaId: g.avatarMediaId, memberCount: Number(g.memberCount ?? 0) })),
    count: groups.length,
  };
}
