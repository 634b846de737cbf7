import { fail } from '../errors.js';
import type { OtpProviderError } from '../ports/otp-provider.js';

/** A provider's typed failure as the error the client sees; every provider maps through here. */
export function otpErrorToApp(error: OtpProviderError) {
  switch (error.code) {
    case 'invalid_number':
      return fail.badRequest('That number cannot receive codes. Check it and try again.');
    case 'rate_limited':
      return fail.tooManyRequests('Too many attempts for this number. Try again later.', error.retryAfterSeconds ?? 600);
    case 'fraud_blocked':
      return fail.forbidden('Codes cannot be sent to this number right now.');
    case 'unsupported_region':
      return fail.forbidden('Sign-in codes are not available in this region yet.');
    case 'unavailable':
      return fail.tooManyRequests('The code service is busy. Try again in a minute.', error.retryAfterSeconds ?? 60);
  }
}
