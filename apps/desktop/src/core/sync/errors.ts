import { TRPCClientError } from '@trpc/client';
import { isRefusal as refuses, SESSION_ENDED_MESSAGE, type ClientErrorCode } from '../../shared/errors.js';

/** The events after our stored id are gone: the cache is rebuilt (sync/catch-up.ts). */
export { isResyncRequired } from '../../shared/errors.js';

/** The session cannot be renewed (refresh token refused): the user must sign in again. */
export class SessionEndedError extends Error {
  constructor() {
    super(SESSION_ENDED_MESSAGE);
    this.name = 'SessionEndedError';
  }
}

/** Is this (or what caused it: tRPC wraps errors thrown inside fetch) a SessionEndedError? */
export function isSessionEnded(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof SessionEndedError) return true;
  }
  return false;
}

/** The server's error code (BAD_REQUEST, UNAUTHORIZED…), or null for network failures. */
export function errorCode(error: unknown): ClientErrorCode | null {
  if (error instanceof TRPCClientError) {
    const code = (error.data as { code?: unknown } | undefined)?.code;
    return typeof code === 'string' ? (code as ClientErrorCode) : null;
  }
  return null;
}

export function retryAfterSeconds(error: unknown): number | null {
  if (!(error instanceof TRPCClientError)) return null;
  const value = (error.data as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof value === 'number' ? value : null;
}

/** The server refused the request itself: sending it again cannot succeed. */
export function isRefusal(error: unknown): boolean {
  return refuses(errorCode(error));
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
