import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Context } from '../context.js';
import { fail } from '../errors.js';
import { newId } from '../lib/ids.js';
import { maskPhone, normalizePhone } from '../lib/phone.js';
import { OtpProviderError } from '../ports/otp-provider.js';
import { toUserView } from '../users/user-view.js';
import { findOrCreateUser, insertSession } from './auth.repo.js';
import { clearWrongCodes, recordWrongCode, releaseCodeAttempt, reserveCodeAttempt } from './lockout.js';
import { phoneInput } from './phone-input.js';
import { otpErrorToApp } from './otp-errors.js';
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

  // Counted before it is checked, so parallel guesses cannot outrun the lockout.
  await reserveCodeAttempt(deps.db, phone, now);
  let valid: boolean;
  try {
    valid = await codeIsValid(ctx, phone, input.code);
  } catch (error) {
    await releaseCodeAttempt(deps.db, phone);
    throw error;
  }
  if (!valid) {
    const { locked } = await recordWrongCode(deps.db, phone, now);
    deps.log.info({ event: 'auth.code_rejected', phone: maskPhone(phone), locked }, 'wrong or expired sign-in code');
    throw fail.unauthorized('That code is wrong or has expired');
  }
  await clearWrongCodes(deps.db, phone);

  const sessionId = newId();
  const { user, isNewUser, tokens } = await deps.db.transaction().execute(async (trx) => {
    const found = await findOrCreateUser(trx, phone, now);
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

async function codeIsValid(ctx: Context, phone: string, code: string): Promise<boolean> {
  const fixed = ctx.deps.auth.testNumbers.get(phone);
  if (fixed !== undefined) return fixed.length === code.length && timingSafeEqual(Buffer.from(fixed), Buffer.from(code));
  try {
    return await ctx.deps.otp.check(phone, code);
  } catch (error) {
    if (error instanceof OtpProviderError) throw otpErrorToApp(error);
    throw error;
  }
}
