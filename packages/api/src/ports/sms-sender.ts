/** Sends a text message (an invitation) to an E.164 number. */
export interface SmsSender {
  readonly name: string;
  send(phone: string, body: string): Promise<void>;
}

/** The provider refused or could not be reached; `retryAfterSeconds` when it asked us to back off. */
export class SmsSenderError extends Error {
  constructor(
    readonly code: 'invalid_number' | 'unavailable',
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'SmsSenderError';
  }
}

/** Development: the text goes to the terminal (or wherever `deliver` puts it) instead of a phone. */
export class ConsoleSmsSender implements SmsSender {
  readonly name = 'console';
  constructor(private readonly deliver: (phone: string, body: string) => void) {}
  async send(phone: string, body: string): Promise<void> {
    this.deliver(phone, body);
  }
}
