import { errors, jwtVerify, SignJWT } from 'jose';
import type { AuthUser } from '../context.js';
import type { AuthSettings } from '../deps.js';

const ALGORITHM = 'HS256';
const keyCache = new WeakMap<AuthSettings, Uint8Array>();
const keyOf = (settings: AuthSettings) => {
  let key = keyCache.get(settings);
  if (!key) {
    key = new TextEncoder().encode(settings.jwtSecret);
    keyCache.set(settings, key);
  }
  return key;
};

export async function issueAccessToken(settings: AuthSettings, user: AuthUser, now: Date): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ sid: user.sessionId })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(user.id)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + settings.accessTokenSeconds)
    .sign(keyOf(settings));
}

/** The user a token names, or null for anything invalid: bad signature, other alg, expired, wrong aud/iss. */
export async function verifyAccessToken(settings: AuthSettings, token: string, now: Date): Promise<AuthUser | null> {
  return (await readAccessToken(settings, token, now))?.user ?? null;
}

/** The same check, with the moment the token stops being valid (a WebSocket's sign-in lasts until then). */
export async function readAccessToken(settings: AuthSettings, token: string, now: Date): Promise<{ user: AuthUser; expiresAt: Date } | null> {
  try {
    const { payload } = await jwtVerify(token, keyOf(settings), {
      // An allow-list of one: `none`, asymmetric algorithms and other HMAC sizes are all refused.
      algorithms: [ALGORITHM],
      typ: 'JWT',
      issuer: settings.issuer,
      audience: settings.audience,
      currentDate: now,
      requiredClaims: ['exp', 'sub', 'sid'],
    });
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || typeof payload.exp !== 'number') return null;
    return { user: { id: payload.sub, sessionId: payload.sid }, expiresAt: new Date(payload.exp * 1000) };
  } catch (error) {
    if (error instanceof errors.JOSEError) return null;
    throw error;
  }
}
