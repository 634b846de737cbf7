import type { Database, GroupInvitation } from '@confab/db';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { fail } from '../errors.js';
import { transact } from '../lib/transact.js';
import type { AuthedContext } from '../trpc.js';
import { id } from '../lib/schemas.js';
import { toInvitationView } from './invitation-view.js';
import { joinGroup } from './join-group.js';
import { lockChat, lockInvitation } from '../lib/locks.js';

export const invitationIdInput = z.object({ invitationId: id }).strict();

/** The caller's pending, unexpired invitations to groups that still exist, newest first. */
export async function myInvitations(ctx: AuthedContext) {
  const { db, clock } = ctx.deps;
  const rows = await db
    .selectFrom('groupInvitations as i')
    .innerJoin('chats as c', 'c.id', 'i.chatId')
    .selectAll('i')
    .where('i.inviteeId', '=', ctx.user.id)
    .where('i.status', '=', 'pending')
    .where('i.expiresAt', '>', clock.now())
    .where('c.deletedAt', 'is', null)
    .orderBy('i.createdAt', 'desc')
    .limit(200)
    .execute();
  return { invitations: await Promise.all(rows.map((row) => toInvitationView(db, row))) };
}

/** Accepting joins the group (with a new window, like any join); the invitation is spent. */
export async function acceptInvitation(ctx: AuthedContext, input: z.infer<typeof invitationIdInput>) {
  const { deps } = ctx;
  return transact(deps, async (trx, emit) => {
    const invitation = await lockPendingInvitation(trx, input.invitationId, ctx.user.id, deps.clock.now());
    const now = deps.clock.now();
    const chat = await joinGroup(trx, emit, { chatId: invitation.chatId, userId: ctx.user.id, action: 'joined_by_invitation', details: { inviterId: invitation.inviterId } }, now);
    const accepted = await respond(trx, invitation.id, 'accepted', now);
    emit([ctx.user.id], { type: 'group.invitation', invitation: await toInvitationView(trx, accepted) });
    return chat;
  });
}

export async function declineInvitation(ctx: AuthedContext, input: z.infer<typeof invitationIdInput>) {
  const { deps } = ctx;
  await transact(deps, async (trx, emit) => {
    const invitation = await lockPendingInvitation(trx, input.invitationId, ctx.user.id, deps.clock.now());
    const declined = await respond(trx, invitation.id, 'declined', deps.clock.now());
    emit([ctx.user.id], { type: 'group.invitation', invitation: await toInvitationView(trx, declined) });
  });
  return { ok: true as const };
}

/**
 * Someone else's invitation is NOT_FOUND, like any id the caller may not see. The group's chat
 * row is locked before the invitation row, the order groups.addMembers takes them in.
 */
async function lockPendingInvitation(trx: Transaction<Database>, invitationId: string, userId: string, now: Date): Promise<GroupInvitation> {
  const found = await trx.selectFrom('groupInvitations').select('chatId').where('id', '=', invitationId).where('inviteeId', '=', userId).executeTakeFirst();
  if (!found) throw fail.notFound('Invitation');
  await lockChat(trx, found.chatId);
  const invitation = await lockInvitation(trx, invitationId);
  if (!invitation) throw fail.notFound('Invitation');
  if (invitation.status !== 'pending') throw fail.conflict(`This invitation was already ${invitation.status}`);
  if (new Date(invitation.expiresAt) <= now) throw fail.badRequest('This invitation has expired');
  return invitation;
}

async function respond(trx: Transaction<Database>, invitationId: string, status: 'accepted' | 'declined', now: Date): Promise<GroupInvitation> {
  return trx.updateTable('groupInvitations').set({ status, respondedAt: now }).where('id', '=', invitationId).returningAll().executeTakeFirstOrThrow();
}
