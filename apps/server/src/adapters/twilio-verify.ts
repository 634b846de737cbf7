import { OtpProviderError, systemClock, type Clock, type OtpErrorCode, type OtpProvider } from '@confab/api';
import type { Logger } from 'pino';
import twilio from 'twilio';
import { TwilioBackoff } from './twilio-backoff.js';

export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  serviceSid: string;
}

type TwilioClient = ReturnType<typeof twilio>;
type ClientOptions = NonNullable<Parameters<typeof twilio>[2]>;

/** A person waits on this call; Twilio's own default is 30 s. */
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Twilio's documented Verify errors (twilio.com/docs/api/errors/<code>) and what the person
 * is told. Anything else is "the service is unavailable, try again shortly".
 */
const TWILIO_ERRORS: Record<number, { code: OtpErrorCode; message: string; retryAfterSeconds?: number }> = {
  60200: { code: 'invalid_number', message: 'Invalid parameter (the number)' },
  60205: { code: 'invalid_number', message: 'SMS is not supported by this number (landline)' },
  // Max check attempts / max send attempts: they hold until the verification expires (10 minutes).
  60202: { code: 'rate_limited', message: 'Max check attempts reached', retryAfterSeconds: 600 },
  60203: { code: 'rate_limited', message: 'Max send attempts reached', retryAfterSeconds: 600 },
  60212: { code: 'rate_limited', message: 'Too many concurrent requests for this number', retryAfterSeconds: 60 },
  60410: { code: 'fraud_blocked', message: 'Verification delivery blocked (fraud prevention)' },
  60605: { code: 'unsupported_region', message: 'Verification delivery blocked (geo permissions)' },
  // Twilio asks the whole account to slow down: every number pauses (twilio-backoff.ts).
  25109: { code: 'unavailable', message: 'Twilio asked us to back off' },
  20429: { code: 'unavailable', message: 'Too many requests to Twilio' },
};

/** Codes that pause every request of this process, not only this number's. */
const ACCOUNT_BACKOFF = new Set([25109, 20429]);

/** Twilio Verify through the official client; Twilio keeps the code, we only ask it to send and check. */
export class TwilioVerifyProvider implements OtpProvider {
  readonly name = 'twilio-verify';
  private readonly client: TwilioClient;
  private readonly backoff: TwilioBackoff;

  constructor(
    private readonly settings: TwilioSettings,
    private readonly log: Logger,
    clientOptions: ClientOptions = {},
    clock: Clock = systemClock,
  ) {
    // autoRetry stays off whatever the caller passes: a 429 goes back to the person, never into a loop.
    this.client = twilio(settings.accountSid, settings.authToken, { timeout: REQUEST_TIMEOUT_MS, ...clientOptions, autoRetry: false });
    this.backoff = new TwilioBackoff(clock);
  }

  async send(phone: string): Promise<void> {
    await this.ask('send', () => this.service().verifications.create({ to: phone, channel: 'sms' }));
  }

  async check(phone: string, code: string): Promise<boolean> {
    const result = await this.ask('check', () =>
      this.service()
        .verificationChecks.create({ to: phone, code })
        .catch((error: unknown) => {
          // 20404: no pending verification (expired, already approved, or never sent) — a wrong code as far as the person is concerned.
          if (twilioCode(error) === 20404) return null;
          throw error;
        }),
    );
    return result?.status === 'approved';
  }

  /** One request to Twilio, unless Twilio asked us to pause; its failure becomes a typed error. */
  private async ask<T>(operation: 'send' | 'check', request: () => Promise<T>): Promise<T> {
    const pausedFor = this.backoff.secondsLeft();
    if (pausedFor > 0) throw new OtpProviderError('unavailable', 'Backing off Twilio', pausedFor);
    try {
      const result = await request();
      this.backoff.succeeded();
      return result;
    } catch (error) {
      throw this.translate(operation, error);
    }
  }

  private service() {
    return this.client.verify.v2.services(this.settings.serviceSid);
  }

  /** Twilio's error codes become typed errors; nothing here retries. Never logs the number or the code. */
  private translate(operation: 'send' | 'check', error: unknown): OtpProviderError {
    const code = twilioCode(error);
    const known = code === undefined ? undefined : TWILIO_ERRORS[code];
    const status = (error as { status?: unknown } | null)?.status;
    if (known && code !== undefined && ACCOUNT_BACKOFF.has(code)) {
      const pauseSeconds = this.backoff.pause();
      this.log.warn({ event: 'otp.twilio_refused', operation, twilioCode: code, status, pauseSeconds }, `${known.message}; every sign-in waits ${pauseSeconds} s`);
      return new OtpProviderError(known.code, known.message, pauseSeconds);
    }
    if (known) {
      this.log.warn({ event: 'otp.twilio_refused', operation, twilioCode: code, status }, known.message);
      return new OtpProviderError(known.code, known.message, known.retryAfterSeconds);
    }
    // Unknown codes, bad credentials (20003), timeouts and network failures: the operator must look.
    this.log.error({ event: 'otp.twilio_failed', operation, twilioCode: code, status, reason: code === undefined ? String((error as Error)?.message) : undefined }, 'Twilio Verify failed');
    return new OtpProviderError('unavailable', 'The code service could not be reached', 30);
  }
}

function twilioCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}
