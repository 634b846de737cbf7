import type { z } from 'zod';
import { loadActiveMembership } from '../chats/membership.js';
import { fail } from '../errors.js';
import type { AuthedContext } from '../trpc.js';
import { visibleProfiles } from '../users/profile-privacy.js';
import { toUserView } from '../users/user-view.js';
import type { chatIdOnly } from './group-inputs.js';
import { toGroupInfo } from './group-view.js';

const roleOrder = { owner: 0, admin: 1, member: 2 } as const;

/** Current members with their roles: owner first, then admins, then members, by join time and name. */
export async function listMembers(ctx: AuthedContext, input: z.infer<typeof chatIdOnly>) {
  const { db } = ctx.deps;
  const { chat } = await loadActiveMembership(db, input.chatId, ctx.user.id);
  if (chat.kind !== 'group') throw fail.badRequest('This chat is not a group');
  const rows = await db
    .selectFrom('chatMembers as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .selectAll('u')
    .select(['m.role as memberRole', 'm.joinedAt as memberSince'])
    .where('m.chatId', '=', chat.id)
    .where('m.leftSeq', 'is', null)
    .orderBy('m.joinedAt')
    .orderBy('u.name')
    .orderBy('m.userId')
    .execute();
  const users = await visibleProfiles(db, ctx.user.id, rows.map((row) => toUserView(row)));
  const members = rows
    .map((row, i) => ({ user: users[i]!, role: row.memberRole, joinedAt: new Date(row.memberSince).toISOString() }))
    .sort((a, b) => roleOrder[a.role] - roleOrder[b.role]);
  return { members, count: members.length };
}

/**
 * The group's info, permissions and member count, for current members (a former member has no
 * business learning how the group changed after they left: FORBIDDEN, as for members).
 */
export async function groupInfo(ctx: AuthedContext, input: z.infer<typeof chatIdOnly>) {
  const { db } = ctx.deps;
  const { chat, member } = await loadActiveMembership(db, input.chatId, ctx.user.id);
  if (chat.kind !== 'group') throw fail.badRequest('This chat is not a group');
  return { ...(await toGroupInfo(db, chat)), myRole: member.role };
}
