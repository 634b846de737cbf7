/**
 * Sends and checks one-time sign-in codes. Lockout, expiry bookkeeping on our side and rate
 * limits live in the auth service, so every provider gets the same protection.
 */
export interface OtpProvider {
  readonly name: string;
  /** Sends a fresh code to an E.164 number. */
  send(phone: string): Promise<void>;
  /** True when the code is the current, unexpired, unused code for that number. */
  check(phone: string, code: string): Promise<boolean>;
}

export type OtpErrorCode = 'invalid_number' | 'rate_limited' | 'fraud_blocked' | 'unsupported_region' | 'unavailable';

/** A provider failure the client can act on; mapped to a tRPC code in one place. */
export class OtpProviderError extends Error {
  constructor(
    readonly code: OtpErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'OtpProviderError';
  }
}
