import type { Database } from '@confab/db';
import type { Kysely } from 'kysely';

/** Which of `others` blocked `userId` or were blocked by them: they get no typing or presence from each other. */
export async function blockedEitherWay(db: Kysely<Database>, userId: string, others: readonly string[]): Promise<Set<string>> {
  if (others.length === 0) return new Set();
  const rows = await db
    .selectFrom('blocks')
    .select(['blockerId', 'blockedId'])
    .where((eb) => eb.or([eb.and([eb('blockerId', '=', userId), eb('blockedId', 'in', others)]), eb.and([eb('blockedId', '=', userId), eb('blockerId', 'in', others)])]))
    .execute();
  return new Set(rows.map((r) => (r.blockerId === userId ? r.blockedId : r.blockerId)));
}
