import { z } from 'zod';
import type { Context } from '../context.js';
import { fail } from '../errors.js';
import { newId } from '../lib/ids.js';
import { normalizePhone } from '../lib/phone.js';
import { toUserView } from '../users/user-view.js';
import { findOrCreateUser, insertSession } from './auth.repo.js';
import { checkCode } from './check-code.js';
import { SUSPENDED_MESSAGE } from '../moderation/suspension.js';
import { phoneInput } from './phone-input.js';
import { mintTokens } from './session-tokens.js';

export const verifyCodeInput = z
  .object({
    phone: phoneInput,
    code: z.string().trim().regex(/^\d{6}$/, 'The code has 6 digits'),
    deviceName: z.string().trim().min(1).max(100).default('Unknown device'),
  })
  .strict();

/** Registration and sign-in are one flow: a number seen for the first time gets an account. */
export async function verifyCode(ctx: Context, input: z.infer<typeof verifyCodeInput>) {
  const { deps } = ctx;
  const phone = normalizePhone(input.phone, deps.auth.defaultRegion);
  if (!phone) throw fail.badRequest('That phone number is not valid');
  const now = deps.clock.now();

  await checkCode(ctx, phone, input.code);

  const sessionId = newId();
  const { user, isNewUser, tokens } = await deps.db.transaction().execute(async (trx) => {
    const found = await findOrCreateUser(trx, phone, now);
    // Told only after the right code, so it reveals nothing to someone who does not hold the number.
    if (found.user.suspendedAt) throw fail.forbidden(SUSPENDED_MESSAGE);
    const minted = await mintTokens(deps, found.user.id, sessionId);
    await insertSession(trx, { id: sessionId, userId: found.user.id, deviceName: input.deviceName, refreshHash: minted.refreshHash, now });
    return { ...found, tokens: minted };
  });

  deps.log.info({ event: 'auth.signed_in', userId: user.id, sessionId, isNewUser }, 'signed in');
  return {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    accessTokenExpiresAt: tokens.accessTokenExpiresAt,
    sessionId,
    user: toUserView(user),
    isNewUser,
  };
}
