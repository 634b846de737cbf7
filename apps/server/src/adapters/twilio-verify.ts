import { OtpProviderError, type OtpProvider } from '@confab/api';
import type { Logger } from 'pino';
import twilio from 'twilio';

export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  serviceSid: string;
}

type TwilioClient = ReturnType<typeof twilio>;
type ClientOptions = NonNullable<Parameters<typeof twilio>[2]>;

/** Twilio Verify through the official client; Twilio keeps the code, we only ask it to send and check. */
export class TwilioVerifyProvider implements OtpProvider {
  readonly name = 'twilio-verify';
  private readonly client: TwilioClient;

  constructor(
    private readonly settings: TwilioSettings,
    private readonly log: Logger,
    clientOptions: ClientOptions = {},
  ) {
    this.client = twilio(settings.accountSid, settings.authToken, { autoRetry: false, ...clientOptions });
  }

  async send(phone: string): Promise<void> {
    try {
      await this.client.verify.v2.services(this.settings.serviceSid).verifications.create({ to: phone, channel: 'sms' });
    } catch (error) {
      throw this.translate(error);
    }
  }

  async check(phone: string, code: string): Promise<boolean> {
    try {
      const result = await this.client.verify.v2.services(this.settings.serviceSid).verificationChecks.create({ to: phone, code });
      return result.status === 'approved';
    } catch (error) {
      // 20404: no pending verification (expired, already approved, or never sent) — a wrong code as far as the user is concerned.
      if (twilioCode(error) === 20404) return false;
      throw this.translate(error);
    }
  }

  /** Twilio's documented error codes become typed errors; nothing here retries. */
  private translate(error: unknown): Error {
    const code = twilioCode(error);
    this.log.warn({ event: 'otp.twilio_error', twilioCode: code, status: (error as { status?: number }).status }, 'Twilio Verify refused a request');
    switch (code) {
      case 60200:
      case 60205:
        return new OtpProviderError('invalid_number', 'That number cannot receive codes');
      case 60202:
      case 60203:
        return new OtpProviderError('rate_limited', 'Too many attempts for this number', 600);
      case 60410:
        return new OtpProviderError('fraud_blocked', 'Codes to this number are blocked');
      case 60605:
        return new OtpProviderError('unsupported_region', 'Codes to this region are not enabled');
      case 25109:
        return new OtpProviderError('unavailable', 'The code service is busy', 60);
      default:
        return new OtpProviderError('unavailable', 'The code service could not be reached', 30);
    }
  }
}

function twilioCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}
