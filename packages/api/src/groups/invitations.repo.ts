import type { Database } from '@confab/db';
import type { Transaction } from 'kysely';
import type { Emit } from '../lib/transact.js';
import { newId } from '../lib/ids.js';
import { notify } from '../notifications/notify.js';
import { toInvitationView } from './invitation-view.js';

/** How long an invitation can be accepted (WhatsApp's group invitations last three days). */
export const INVITATION_SECONDS = 3 * 24 * 60 * 60;

/** Creates (or keeps) a pending invitation for each invitee and tells each of them. */
export async function inviteToGroup(trx: Transaction<Database>, emit: Emit, chatId: string, inviterId: string, inviteeIds: readonly string[], now: Date): Promise<void> {
  for (const inviteeId of inviteeIds) {
    const created = await trx
      .insertInto('groupInvitations')
      .values({ id: newId(), chatId, inviterId, inviteeId, createdAt: now, expiresAt: new Date(now.getTime() + INVITATION_SECONDS * 1000), respondedAt: null })
      .onConflict((oc) => oc.columns(['chatId', 'inviteeId']).where('status', '=', 'pending').doUpdateSet({ inviterId, createdAt: now, expiresAt: new Date(now.getTime() + INVITATION_SECONDS * 1000) }))
      .returningAll()
      .executeTakeFirstOrThrow();
    emit([inviteeId], { type: 'group.invitation', invitation: await toInvitationView(trx, created) });
    await notify(trx, emit, { userId: inviteeId, actorId: inviterId, kind: 'group.invitation', category: 'groups', chatId, invitationId: created.id, groupKey: `invitation:${created.id}`, now });
  }
}
