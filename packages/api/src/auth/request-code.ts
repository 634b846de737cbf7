import { z } from 'zod';
import type { Context } from '../context.js';
import { fail } from '../errors.js';
import { maskPhone, normalizePhone } from '../lib/phone.js';
import { hitRateLimit } from '../lib/rate-limit.js';
import { OtpProviderError } from '../ports/otp-provider.js';
import { CODE_REQUESTS_PER_NUMBER, CODE_TTL_SECONDS } from './limits.js';
import { phoneInput } from './phone-input.js';

export const requestCodeInput = z.object({ phone: phoneInput }).strict();

/**
 * Sends a sign-in code. The answer is the same for registered and new numbers, so it reveals
 * nothing about who uses Confab.
 */
export async function requestCode(ctx: Context, input: z.infer<typeof requestCodeInput>) {
  const { deps } = ctx;
  const phone = normalizePhone(input.phone, deps.auth.defaultRegion);
  if (!phone) throw fail.badRequest('That phone number is not valid. Include the country code, e.g. +44 20 7946 0958');
  const now = deps.clock.now();

  const perIp = await hitRateLimit(deps.db, `code:ip:${ctx.ip}`, { limit: deps.auth.codeRequestsPerIpHour, windowSeconds: 3600 }, now);
  if (!perIp.allowed) throw fail.tooManyRequests('Too many code requests from this network. Try again later.', perIp.retryAfterSeconds);
  const perNumber = await hitRateLimit(deps.db, `code:phone:${phone}`, CODE_REQUESTS_PER_NUMBER, now);
  if (!perNumber.allowed) throw fail.tooManyRequests('Too many codes requested for this number. Try again later.', perNumber.retryAfterSeconds);

  if (!deps.auth.testNumbers.has(phone)) {
    try {
      await deps.otp.send(phone);
    } catch (error) {
      if (error instanceof OtpProviderError) throw otpErrorToApp(error);
      throw error;
    }
  }
  deps.log.info({ event: 'auth.code_requested', phone: maskPhone(phone), provider: deps.otp.name }, 'sign-in code requested');
  return { phone, expiresInSeconds: CODE_TTL_SECONDS };
}

export function otpErrorToApp(error: OtpProviderError) {
  switch (error.code) {
    case 'invalid_number':
      return fail.badRequest('That number cannot receive codes. Check it and try again.');
    case 'rate_limited':
      return fail.tooManyRequests('Too many codes requested for this number. Try again later.', error.retryAfterSeconds ?? 600);
    case 'fraud_blocked':
      return fail.forbidden('Codes cannot be sent to this number right now.');
    case 'unsupported_region':
      return fail.forbidden('Sign-in codes are not available in this region yet.');
    case 'unavailable':
      return fail.tooManyRequests('The code service is busy. Try again in a minute.', error.retryAfterSeconds ?? 60);
  }
}
