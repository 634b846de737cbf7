/**
 * How long an access token lives, from its own iat/exp claims: both come from the server's
 * clock, so a wrong clock on this machine does not make every token look expired. Null when
 * the token cannot be read.
 */
export function tokenLifetimeMs(accessToken: string): number | null {
  try {
    const payload = accessToken.split('.')[1] ?? '';
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { iat?: unknown; exp?: unknown };
    if (typeof claims.iat === 'number' && typeof claims.exp === 'number' && claims.exp > claims.iat) return (claims.exp - claims.iat) * 1000;
  } catch {
    // Not a JWT we can read.
  }
  return null;
}
