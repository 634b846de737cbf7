import { randomInt } from 'node:crypto';
import type { OtpProvider } from '../../ports/otp-provider.js';

/**
 * A stand-in for an SMS provider in tests: it counts how often it is asked to send and check,
 * and "delivers" each code into `sent`, the way a phone would receive it.
 */
export class CountingOtpProvider implements OtpProvider {
  readonly name = 'counting';
  sends = 0;
  checks = 0;
  readonly sent = new Map<string, string>();

  async send(phone: string): Promise<void> {
    this.sends += 1;
    this.sent.set(phone, String(randomInt(0, 1_000_000)).padStart(6, '0'));
  }

  async check(phone: string, code: string): Promise<boolean> {
    this.checks += 1;
    if (this.sent.get(phone) !== code) return false;
    this.sent.delete(phone);
    return true;
  }
}
