import type { Database } from '@confab/db';
import type { Kysely } from 'kysely';
import { fail } from '../errors.js';
import { groupAddSettings } from './group-add-setting.js';

export interface AddDecision {
  /** Added straight away. */
  add: string[];
  /** Their privacy setting asks for an invitation instead. */
  invite: string[];
  /** Blocked one way or the other: neither added nor told. */
  skip: string[];
}

/**
 * Who may be put in a group by `adderId`: the target's "who can add me to groups" setting
 * ('everyone', 'contacts' — people in the target's contacts — or 'nobody') decides between a
 * direct add and an invitation; a block either way means no add and no invitation.
 */
export async function decideAdds(db: Kysely<Database>, adderId: string, targetIds: readonly string[]): Promise<AddDecision> {
  const decision: AddDecision = { add: [], invite: [], skip: [] };
  if (targetIds.length === 0) return decision;
  const ids = [...targetIds];
  const [users, blocks, contactsOfTargets, settings] = await Promise.all([
    db.selectFrom('users').select('id').where('id', 'in', ids).where('deletedAt', 'is', null).execute(),
    db
      .selectFrom('blocks')
      .select(['blockerId', 'blockedId'])
      .where((eb) => eb.or([eb.and([eb('blockerId', '=', adderId), eb('blockedId', 'in', ids)]), eb.and([eb('blockedId', '=', adderId), eb('blockerId', 'in', ids)])]))
      .execute(),
    db.selectFrom('contacts').select('ownerId').where('ownerId', 'in', ids).where('contactId', '=', adderId).execute(),
    groupAddSettings(db, ids),
  ]);
  const live = new Set(users.map((u) => u.id));
  const missing = ids.find((id) => !live.has(id));
  if (missing) throw fail.notFound('User');
  const blocked = new Set(blocks.map((b) => (b.blockerId === adderId ? b.blockedId : b.blockerId)));
  const hasAdderAsContact = new Set(contactsOfTargets.map((c) => c.ownerId));
  for (const id of ids) {
    const setting = settings.get(id) ?? 'everyone';
    if (blocked.has(id)) decision.skip.push(id);
    else if (setting === 'everyone' || (setting === 'contacts' && hasAdderAsContact.has(id))) decision.add.push(id);
    else decision.invite.push(id);
  }
  return decision;
}
