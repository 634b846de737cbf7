import { timingSafeEqual } from 'node:crypto';
import type { Context } from '../context.js';
import { fail, type AppError } from '../errors.js';

export const WRONG_CODE = 'That code is wrong or has expired';
import { maskPhone } from '../lib/phone.js';
import { OtpProviderError } from '../ports/otp-provider.js';
import { clearWrongCodes, recordWrongCode, releaseCodeAttempt, reserveCodeAttempt } from './lockout.js';
import { otpErrorToApp } from './otp-errors.js';

/**
 * Checks a one-time code sent to `phone` (sign-in, or confirming an account deletion), under
 * the wrong-code lockout: a wrong or expired code answers `wrong` (sign-in: UNAUTHORIZED), too
 * many TOO_MANY_REQUESTS.
 */
export async function checkCode(ctx: Context, phone: string, code: string, wrong: () => AppError = () => fail.unauthorized(WRONG_CODE)): Promise<void> {
  const { deps } = ctx;
  const now = deps.clock.now();
  // Counted before it is checked, so parallel guesses cannot outrun the lockout.
  await reserveCodeAttempt(deps.db, phone, now);
  let valid: boolean;
  try {
    valid = await codeIsValid(ctx, phone, code);
  } catch (error) {
    await releaseCodeAttempt(deps.db, phone);
    throw error;
  }
  if (!valid) {
    const { locked } = await recordWrongCode(deps.db, phone, now);
    deps.log.info({ event: 'auth.code_rejected', phone: maskPhone(phone), locked }, 'wrong or expired code');
    throw wrong();
  }
  await clearWrongCodes(deps.db, phone);
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
