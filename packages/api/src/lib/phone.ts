import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** E.164 for a valid number, or null. Accepts national formats with a default region. */
export function normalizePhone(input: string, defaultRegion = 'US'): string | null {
  const parsed = parsePhoneNumberFromString(input, defaultRegion as never);
  return parsed?.isValid() ? parsed.number : null;
}

/** For logs: enough to correlate, never the full number. */
export function maskPhone(e164: string): string {
  return e164.length <= 6 ? '***' : `${e164.slice(0, 4)}***${e164.slice(-2)}`;
}

/** True for a two-letter region libphonenumber can parse national numbers for (US, GB, DE …). */
export function isSupportedRegion(region: string): boolean {
  return isSupportedCountry(region);
}
