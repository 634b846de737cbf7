import type { IncomingMessage } from 'node:http';
import { fail, isSessionActive, unavailableIfDatabaseDown, verifyAccessToken, type AuthUser, type Context, type Deps } from '@confab/api';

/**
 * HTTP: built per request. A missing, stale or invalid token leaves the caller anonymous, so
 * public procedures still work for a client that keeps sending its expired access token —
 * above all `auth.refresh`, which is how it gets a new one. Every authed procedure then
 * answers UNAUTHORIZED.
 */
export async function contextFromRequest(deps: Deps, req: IncomingMessage, ip: string): Promise<Context> {
  const token = bearerToken(req);
  const user = token ? await userFromToken(deps, token) : null;
  return { deps, user, ip };
}

/** A token that must be valid when present (GET /media); a missing one leaves the caller anonymous. */
export async function contextFromToken(deps: Deps, token: string | null, ip: string): Promise<Context> {
  if (!token) return { deps, user: null, ip };
  const user = await userFromToken(deps, token);
  if (!user) throw fail.unauthorized('Your session has expired. Sign in again.');
  return { deps, user, ip };
}

/** The signed-in user a token names: a valid signature, in date, for us, of a session not ended. */
async function userFromToken(deps: Deps, token: string): Promise<AuthUser | null> {
  const user = await verifyAccessToken(deps.auth, token, deps.clock.now());
  if (!user) return null;
  // Built before any procedure runs, so a database that is away is reported here as unavailable.
  const active = await isSessionActive(deps.db, user.sessionId, user.id).catch((error: unknown) => {
    throw unavailableIfDatabaseDown(error);
  });
  return active ? user : null;
}

/** Tokens travel only in the Authorization header, never in a URL. */
export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}
