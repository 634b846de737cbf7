import { createHmac } from 'node:crypto';

/**
 * Short-lived TURN credentials by the TURN REST scheme that coturn's `use-auth-secret` checks:
 * the username is `<unix expiry>:<userId>`, the password base64(HMAC-SHA1(secret, username)).
 * The TURN server needs no user list and a leaked password stops working at its expiry.
 */
export function turnCredentials(secret: string, userId: string, now: Date, ttlSeconds: number): { username: string; credential: string; expiresAt: Date } {
  const expiry = Math.floor(now.getTime() / 1000) + ttlSeconds;
  const username = `${expiry}:${userId}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential, expiresAt: new Date(expiry * 1000) };
}
