import { z } from 'zod';
import { upsertContact } from '../contacts/contacts.repo.js';
import { fail } from '../errors.js';
import type { AuthedContext } from '../trpc.js';
import { visibleProfile } from './profile-privacy.js';
import { toUserView } from './user-view.js';

/** The token alone, or the whole scanned text (https://…/qr/<token> or confab://qr/<token>). */
export const byQrInput = z
  .object({ token: z.string().trim().min(8).max(300) })
  .strict()
  .transform(({ token }) => ({ token: /\/qr\/([A-Za-z0-9_-]+)\/?$/.exec(token)?.[1] ?? token }));

/** Resolves a scanned profile code and adds its owner to the caller's contacts. */
export async function byQr(ctx: AuthedContext, input: z.infer<typeof byQrInput>) {
  const { db, clock } = ctx.deps;
  const me = ctx.user.id;
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(input.token)) throw fail.notFound('Code');
  const user = await db.selectFrom('users').selectAll().where('qrToken', '=', input.token).where('deletedAt', 'is', null).executeTakeFirst();
  if (!user) throw fail.notFound('Code');
  if (user.id === me) throw fail.badRequest('That is your own code');
  await upsertContact(db, me, user.id, undefined, clock.now());
  return visibleProfile(db, me, toUserView(user));
}
