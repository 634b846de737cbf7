import { randomInt, timingSafeEqual } from 'node:crypto';
import type { Database } from '@confab/db';
import type { Kysely } from 'kysely';
import { hmacHex } from '../lib/hash.js';
import type { Clock } from '../ports/clock.js';
import type { OtpProvider } from '../ports/otp-provider.js';
import { CODE_TTL_SECONDS } from './limits.js';

/**
 * For local use without Twilio: a 6-digit code from the CSPRNG, kept only as an HMAC (keyed, so
 * a copy of the table cannot be brute-forced in a second), handed to `deliver` (the terminal by
 * default) instead of an SMS. A new request replaces the number's code; a right code is deleted
 * as it is accepted, so it works once.
 */
export class ConsoleOtpProvider implements OtpProvider {
  readonly name = 'console';
  /** A key of its own, derived from the server secret, so code hashes and token signatures never share one. */
  private readonly key: string;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    secret: string,
    private readonly deliver: (phone: string, code: string) => void,
  ) {
    this.key = hmacHex(secret, 'confab:otp-code-hash');
  }

  async send(phone: string): Promise<void> {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const now = this.clock.now();
    const row = { phone, codeHash: this.hash(phone, code), createdAt: now, expiresAt: new Date(now.getTime() + CODE_TTL_SECONDS * 1000) };
    await this.db
      .insertInto('otpCodes')
      .values(row)
      .onConflict((oc) => oc.column('phone').doUpdateSet({ codeHash: row.codeHash, createdAt: row.createdAt, expiresAt: row.expiresAt }))
      .execute();
    this.deliver(phone, code);
  }

  async check(phone: string, code: string): Promise<boolean> {
    const row = await this.db.selectFrom('otpCodes').selectAll().where('phone', '=', phone).executeTakeFirst();
    if (!row || new Date(row.expiresAt) <= this.clock.now()) return false;
    const expected = Buffer.from(row.codeHash, 'hex');
    const given = Buffer.from(this.hash(phone, code), 'hex');
    if (!timingSafeEqual(expected, given)) return false;
    // Single use: a code that signed someone in is gone.
    const deleted = await this.db.deleteFrom('otpCodes').where('phone', '=', phone).where('codeHash', '=', row.codeHash).executeTakeFirst();
    return deleted.numDeletedRows > 0n;
  }

  private hash(phone: string, code: string): string {
    return hmacHex(this.key, `${phone}:${code}`);
  }
}
