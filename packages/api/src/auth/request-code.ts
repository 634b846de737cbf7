import { z } from 'zod';
import type { Context } from '../context.js';
import { fail } from '../errors.js';
import { maskPhone, normalizePhone } from '../lib/phone.js';
import { OtpProviderError } from '../ports/otp-provider.js';
import { CODE_REQUESTS_PER_NUMBER, CODE_TTL_SECONDS } from './limits.js';
import { otpErrorToApp } from './otp-errors.js';
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
  await sendCode(ctx, phone);
  return { phone, expiresInSeconds: CODE_TTL_SECONDS };
}

/** Sends a one-time code to a normalised number, under the per-address and per-number limits. */
export async function sendCode(ctx: Context, phone: string): Promise<void> {
  const { deps } = ctx;
  const now = deps.clock.now();

  const perIp = await deps.rateLimits.durable.hit(`code:ip:${ctx.ip}`, { limit: deps.auth.codeRequestsPerIpHour, windowSeconds: 3600 }, now);
  if (!perIp.allowed) throw fail.tooManyRequests('Too many code requests from this network. Try again later.', perIp.retryAfterSeconds);
  const perNumber = await deps.rateLimits.durable.hit(`code:phone:${phone}`, CODE_REQUESTS_PER_NUMBER, now);
  if (!perNumber.allowed) throw fail.tooManyRequests('Too many codes requested for this number. Try again later.', perNumber.retryAfterSeconds);

  const testNumber = deps.auth.testNumbers.has(phone);
  if (!testNumber) {
    try {
      await deps.otp.send(phone);
    } catch (error) {
      if (!(error instanceof OtpProviderError)) throw error;
      deps.log.warn({ event: 'auth.code_not_sent', phone: maskPhone(phone), reason: error.code }, 'sign-in code could not be sent');
      throw otpErrorToApp(error);
    }
  }
  deps.log.info({ event: 'auth.code_requested', phone: maskPhone(phone), provider: testNumber ? 'test-number' : deps.otp.name }, 'sign-in code requested');
}
