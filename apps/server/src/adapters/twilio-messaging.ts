import { SmsSenderError, systemClock, type Clock, type SmsSender } from '@confab/api';
import type { Logger } from 'pino';
import twilio from 'twilio';
import { TwilioBackoff } from './twilio-backoff.js';

export interface TwilioMessagingSettings {
  accountSid: string;
  authToken: string;
  /** The Messaging Service (MG…) picks the sender number for each destination. */
  messagingServiceSid: string;
}

type ClientOptions = NonNullable<Parameters<typeof twilio>[2]>;

const REQUEST_TIMEOUT_MS = 10_000;

/** Twilio's documented Messaging errors that are about the destination, not about us. */
const INVALID_DESTINATION = new Set([21211, 21214, 21408, 21610, 21612, 21614]);
/** Twilio asks the whole account to slow down (too many requests, back off): every invitation waits. */
const ACCOUNT_BACKOFF = new Set([20429, 25109]);

/**
 * Invitation texts through Twilio's Programmable Messaging API (POST
 * /2010-04-01/Accounts/{AccountSid}/Messages.json with MessagingServiceSid, To, Body), by the
 * official client. Never retries: a 429 goes back to the person as "try later", and every
 * invitation of this process waits out the pause without asking Twilio (twilio-backoff.ts).
 */
export class TwilioMessagingSender implements SmsSender {
  readonly name = 'twilio-messaging';
  private readonly client: ReturnType<typeof twilio>;
  private readonly backoff: TwilioBackoff;

  constructor(
    private readonly settings: TwilioMessagingSettings,
    private readonly log: Logger,
    clientOptions: ClientOptions = {},
    clock: Clock = systemClock,
  ) {
    this.client = twilio(settings.accountSid, settings.authToken, { timeout: REQUEST_TIMEOUT_MS, ...clientOptions, autoRetry: false });
    this.backoff = new TwilioBackoff(clock);
  }

  async send(phone: string, body: string): Promise<void> {
    const pausedFor = this.backoff.secondsLeft();
    if (pausedFor > 0) throw new SmsSenderError('unavailable', 'Texts cannot be sent right now', pausedFor);
    try {
      await this.client.messages.create({ messagingServiceSid: this.settings.messagingServiceSid, to: phone, body });
      this.backoff.succeeded();
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      const status = (error as { status?: unknown } | null)?.status;
      if (typeof code === 'number' && INVALID_DESTINATION.has(code)) {
        this.log.warn({ event: 'sms.twilio_refused', twilioCode: code, status }, 'Twilio refused the destination');
        throw new SmsSenderError('invalid_number', 'This number cannot receive texts');
      }
      if (status === 429 || (typeof code === 'number' && ACCOUNT_BACKOFF.has(code))) {
        const pauseSeconds = this.backoff.pause();
        this.log.warn({ event: 'sms.twilio_refused', twilioCode: code, status, pauseSeconds }, `Twilio asked us to slow down; every invitation waits ${pauseSeconds} s`);
        throw new SmsSenderError('unavailable', 'Texts cannot be sent right now', pauseSeconds);
      }
      this.log.error({ event: 'sms.twilio_failed', twilioCode: code, status }, 'Twilio Messaging failed');
      throw new SmsSenderError('unavailable', 'Texts cannot be sent right now');
    }
  }
}
