import { TRPCClientError } from '@trpc/client';

/** The session cannot be renewed (refresh token refused): the user must sign in again. */
export class SessionEndedError extends Error {
  constructor() {
    super('This session has ended. Sign in again.');
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
export function errorCode(error: unknown): string | null {
  if (error instanceof TRPCClientError) {
    const code = (error.data as { code?: unknown } | undefined)?.code;
    return typeof code === 'string' ? code : null;
  }
  return null;
}

export function retryAfterSeconds(error: unknown): number | null {
  if (!(error instanceof TRPCClientError)) return null;
  const value = (error.data as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof value === 'number' ? value : null;
}

/** Codes where sending the same request again cannot succeed. */
const REFUSALS = new Set(['BAD_REQUEST', 'FORBIDDEN', 'NOT_FOUND', 'PAYLOAD_TOO_LARGE', 'CONFLICT', 'PRECONDITION_FAILED', 'UNPROCESSABLE_CONTENT', 'METHOD_NOT_SUPPORTED', 'PARSE_ERROR']);

export function isRefusal(error: unknown): boolean {
  const code = errorCode(error);
  return code !== null && REFUSALS.has(code);
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
