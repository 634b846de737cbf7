import type { IncomingMessage } from 'node:http';
import { fail, isSessionActive, verifyAccessToken, type Context, type Deps } from '@confab/api';

/** The address that asked, for per-IP limits. Behind a proxy, its X-Forwarded-For is trusted only when configured. */
export function clientIp(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}

/** A context from a bearer token; a present but invalid token is refused rather than ignored. */
export async function contextFromToken(deps: Deps, token: string | null, ip: string): Promise<Context> {
  if (!token) return { deps, user: null, ip };
  const user = await verifyAccessToken(deps.auth, token, deps.clock.now());
  if (!user || !(await isSessionActive(deps.db, user.sessionId, user.id))) throw fail.unauthorized('Your session has expired. Sign in again.');
  return { deps, user, ip };
}

export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}
