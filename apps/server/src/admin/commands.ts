import { normalizePhone } from '@confab/api';
import type { Database } from '@confab/db';
import type { Kysely } from 'kysely';

export const ADMIN_USAGE = `Usage: npm run admin -- <command> <phone>
  grant-moderator <phone>    make the account with this number a moderator
  revoke-moderator <phone>   take the moderator role back (MODERATOR_PHONES still counts)
  unsuspend <phone>          lift a moderator's suspension; the person may sign in again`;

/**
 * The operator's commands, run against the database directly (no server needed). Answers the
 * line to print; throws an Error with a clear message on a mistake.
 */
export async function runAdminCommand(db: Kysely<Database>, args: readonly string[], region: string): Promise<string> {
  const [command, rawPhone, ...rest] = args;
  if (!command || !rawPhone || rest.length > 0 || !['grant-moderator', 'revoke-moderator', 'unsuspend'].includes(command)) throw new Error(ADMIN_USAGE);
  const phone = normalizePhone(rawPhone, region);
  if (!phone) throw new Error(`"${rawPhone}" is not a valid phone number; include the country code, e.g. +1 201 555 0123`);
  const user = await db.selectFrom('users').select(['id', 'role', 'suspendedAt']).where('phone', '=', phone).where('deletedAt', 'is', null).executeTakeFirst();
  if (!user) throw new Error(`No account uses ${phone}; they must sign in once first`);

  if (command === 'unsuspend') {
    await db.updateTable('users').set({ suspendedAt: null }).where('id', '=', user.id).execute();
    return user.suspendedAt ? `${phone} is no longer suspended` : `${phone} was not suspended`;
  }
  const role = command === 'grant-moderator' ? 'moderator' : 'user';
  await db.updateTable('users').set({ role }).where('id', '=', user.id).execute();
  return role === 'moderator' ? `${phone} is now a moderator` : `${phone} is no longer a moderator`;
}
