import type { Audience, Database } from '@confab/db';
import type { Kysely } from 'kysely';
import { privacyOf } from '../settings/settings.repo.js';

/** Each user's "who can add me to groups" privacy setting (settings.update privacy.groupAdd). */
export async function groupAddSettings(db: Kysely<Database>, userIds: readonly string[]): Promise<Map<string, Audience>> {
  return privacyOf(db, userIds, 'groupAdd');
}
