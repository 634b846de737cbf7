import { z } from 'zod';
import { fail } from '../errors.js';
import { normalizePhone } from '../lib/phone.js';
import { hitRateLimit, type RateLimitRule } from '../lib/rate-limit.js';
import type { AuthedContext } from '../trpc.js';
import { withVisibleUsers } from './profile-privacy.js';
import { toUserView } from './user-view.js';

export const MAX_LOOKUP_PHONES = 500;
/** Contact discovery is an enumeration oracle; keep each user to a few address books an hour. */
export const LOOKUPS_PER_USER: RateLimitRule = { limit: 30, windowSeconds: 60 * 60 };

export const lookupInput = z
  .object({ phones: z.array(z.string().max(40)).max(MAX_LOOKUP_PHONES, `Look up at most ${MAX_LOOKUP_PHONES} numbers at a time`) })
  .strict();

/**
 * Which of the caller's address-book numbers are on Confab. Numbers are parsed with the
 * server's default region; invalid ones are skipped. Each hit comes back with the text the
 * client sent, so it can match its own entries.
 */
export async function lookup(ctx: AuthedContext, input: z.infer<typeof lookupInput>) {
  const { db, clock, auth } = ctx.deps;
  const me = ctx.user.id;
  const limit = await hitRateLimit(db, `users.lookup:${me}`, LOOKUPS_PER_USER, clock.now());
  if (!limit.allowed) throw fail.tooManyRequests('Too many contact lookups; try again later', limit.retryAfterSeconds);

  const asked = new Map<string, string[]>();
  for (const raw of input.phones) {
    const e164 = normalizePhone(raw, auth.defaultRegion);
    if (!e164) continue;
    asked.set(e164, [...(asked.get(e164) ?? []), raw]);
  }
  if (asked.size === 0) return [];

  const users = await db.selectFrom('users').selectAll().where('phone', 'in', [...asked.keys()]).where('deletedAt', 'is', null).execute();
  const hits = users
    .filter((u) => u.id !== me)
    .flatMap((u) => (asked.get(u.phone!) ?? []).map((phone) => ({ phone, e164: u.phone!, user: toUserView(u) })));
  return withVisibleUsers(db, me, hits);
}
