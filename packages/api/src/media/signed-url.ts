import { createHmac, timingSafeEqual } from 'node:crypto';
import { SIGNED_URL_SECONDS } from './limits.js';

/**
 * Short-lived download links for <img>/<video>/<audio> tags, which cannot send an
 * Authorization header. A link names one media id and one user, expires within minutes, and is
 * an HMAC under a key derived from the server secret (so it cannot be confused with a JWT).
 * The download still runs the normal access check for that user, so access lost after
 * signing is lost for the link too.
 */
export interface SignedMediaQuery {
  u: string;
  exp: string;
  sig: string;
}

const keyOf = (secret: string) => createHmac('sha256', secret).update('confab:media-url:v1').digest();

const signatureOf = (secret: string, mediaId: string, userId: string, exp: number) =>
  createHmac('sha256', keyOf(secret)).update(`${mediaId}\n${userId}\n${exp}`).digest('base64url');

export function signMediaQuery(secret: string, mediaId: string, userId: string, now: Date): { query: SignedMediaQuery; expiresAt: Date } {
  const exp = Math.floor(now.getTime() / 1000) + SIGNED_URL_SECONDS;
  return { query: { u: userId, exp: String(exp), sig: signatureOf(secret, mediaId, userId, exp) }, expiresAt: new Date(exp * 1000) };
}

/** The user a signed query was issued to, or null when it is malformed, forged or expired. */
export function verifyMediaQuery(secret: string, mediaId: string, params: URLSearchParams, now: Date): string | null {
  const userId = params.get('u');
  const expText = params.get('exp');
  const sig = params.get('sig');
  if (!userId || !expText || !sig || !/^\d{1,12}$/.test(expText) || userId.length > 64 || sig.length > 64) return null;
  const exp = Number(expText);
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (exp <= nowSeconds || exp > nowSeconds + SIGNED_URL_SECONDS) return null;
  const expected = Buffer.from(signatureOf(secret, mediaId, userId, exp));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected) ? userId : null;
}
