import { z } from 'zod';
import { fail } from '../errors.js';
import { maskPhone, normalizePhone } from '../lib/phone.js';
import type { RateLimitRule } from '../lib/rate-limit.js';
import { qrUrl } from '../me/qr-code.js';
import { SmsSenderError } from '../ports/sms-sender.js';
import type { AuthedContext } from '../trpc.js';
import { visibleProfile } from '../users/profile-privacy.js';
import { toUserView } from '../users/user-view.js';
import { loadLiveUser } from '../users/users.repo.js';

export const inviteInput = z.object({ phone: z.string().min(1, 'Enter a phone number').max(40, 'That is not a phone number') }).strict();

/** Each invitation is a paid text to someone who did not ask for it. */
export const INVITES_PER_USER: RateLimitRule = { limit: 10, windowSeconds: 24 * 60 * 60 };
/** However many people invite one number, it gets at most a couple of texts a day. */
export const INVITES_PER_NUMBER: RateLimitRule = { limit: 2, windowSeconds: 24 * 60 * 60 };

/**
 * Texts a number not on Confab an invitation with my link (my QR link: opening it after
 * signing up adds me as a contact). A number already on Confab gets nothing; the answer names
 * the account instead. Limited per inviter and per number, counted where the server keeps its
 * durable limits (Redis across processes, else the database). The link comes back either way,
 * for the app's "share link" fallback.
 */
export async function invite(ctx: AuthedContext, input: z.infer<typeof inviteInput>) {
  const { deps } = ctx;
  const me = ctx.user.id;
  const phone = normalizePhone(input.phone, deps.auth.defaultRegion);
  if (!phone) throw fail.badRequest('That is not a valid phone number');
  const self = await loadLiveUser(deps.db, me);
  const link = qrUrl(deps, self.qrToken);

  const existing = await deps.db.selectFrom('users').selectAll().where('phone', '=', phone).where('deletedAt', 'is', null).executeTakeFirst();
  if (existing) return { status: 'onConfab' as const, user: existing.id === me ? null : await visibleProfile(deps.db, me, toUserView(existing)), link };
  if (!deps.sms) throw fail.badRequest('Invitations by text are not set up on this server; share your link instead');

  const now = deps.clock.now();
  const mine = await deps.rateLimits.durable.hit(`contacts.invite:${me}`, INVITES_PER_USER, now);
  if (!mine.allowed) throw fail.tooManyRequests('You have sent many invitations today; share your link instead', mine.retryAfterSeconds);
  const theirs = await deps.rateLimits.durable.hit(`contacts.invite-to:${phone}`, INVITES_PER_NUMBER, now);
  if (!theirs.allowed) throw fail.tooManyRequests('This number was invited recently; share your link instead', theirs.retryAfterSeconds);

  const from = self.name || 'A friend';
  try {
    await deps.sms.send(phone, `${from} invites you to Confab, a private messenger: ${link}`);
  } catch (error) {
    deps.log.warn({ event: 'invite.failed', to: maskPhone(phone), err: error }, 'invitation text failed');
    if (error instanceof SmsSenderError && error.code === 'invalid_number') throw fail.badRequest('This number cannot receive texts');
    if (error instanceof SmsSenderError && error.retryAfterSeconds) throw fail.tooManyRequests('Texts cannot be sent right now; share your link instead', error.retryAfterSeconds);
    throw fail.conflict('The invitation could not be sent; share your link instead');
  }
  deps.log.info({ event: 'invite.sent', to: maskPhone(phone), provider: deps.sms.name }, 'invitation sent');
  return { status: 'sent' as const, user: null, link };
}
