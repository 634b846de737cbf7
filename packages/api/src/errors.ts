import { isDatabaseUnavailable } from '@confab/db';
import { TRPCError } from '@trpc/server';

/** The closed set of failures the API reports; each maps to one tRPC/HTTP code. */
export type AppErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  | 'PAYLOAD_TOO_LARGE'
  | 'PRECONDITION_FAILED'
  | 'INTERNAL_SERVER_ERROR'
  | 'SERVICE_UNAVAILABLE';

/** What POST /media and GET /media answer besides the API's codes (they are plain HTTP, not tRPC). */
export type MediaErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RANGE_NOT_SATISFIABLE'
  | 'TOO_MANY_REQUESTS';

export class AppError extends TRPCError {
  readonly retryAfterSeconds: number | undefined;
  constructor(code: AppErrorCode, message: string, options: { retryAfterSeconds?: number; cause?: unknown } = {}) {
    super({ code, message, cause: options.cause });
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/**
 * The events after the caller's id are no longer kept (EVENT_RETENTION_DAYS): `sync.events` and
 * `sync.changes` refuse it with PRECONDITION_FAILED and `data.resync: true`; the client loads
 * its chats and recent history again and continues from the head.
 */
export class ResyncRequiredError extends AppError {
  constructor() {
    super('PRECONDITION_FAILED', 'The events after this id are no longer kept: load chats and history again (resync)');
  }
}

export const fail = {
  badRequest: (message: string) => new AppError('BAD_REQUEST', message),
  unauthorized: (message = 'Sign in again') => new AppError('UNAUTHORIZED', message),
  forbidden: (message: string) => new AppError('FORBIDDEN', message),
  /** Used for anything the caller may not see, so existence is not revealed. */
  notFound: (what: string) => new AppError('NOT_FOUND', `${what} not found`),
  conflict: (message: string) => new AppError('CONFLICT', message),
  tooManyRequests: (message: string, retryAfterSeconds: number) =>
    new AppError('TOO_MANY_REQUESTS', message, { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) }),
  payloadTooLarge: (message: string) => new AppError('PAYLOAD_TOO_LARGE', message),
  resync: () => new ResyncRequiredError(),
  /** A service the server needs (the database) is down for now: the same call may work shortly. */
  unavailable: (message: string, retryAfterSeconds: number, cause?: unknown) =>
    new AppError('SERVICE_UNAVAILABLE', message, { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)), cause }),
};

/** How soon a client may try again while the database is unavailable. */
const DATABASE_RETRY_SECONDS = 2;

/**
 * While the database is down or restarting, a failure caused by it becomes SERVICE_UNAVAILABLE
 * (HTTP 503, with Retry-After) instead of an internal error: the client keeps what it was doing
 * and tries again, and nothing is logged as a bug. Any other error is returned as it is.
 */
export function unavailableIfDatabaseDown(error: unknown): unknown {
  if (error instanceof TRPCError && error.code !== 'INTERNAL_SERVER_ERROR') return error;
  const cause = error instanceof TRPCError ? (error.cause ?? error) : error;
  return isDatabaseUnavailable(cause) ? fail.unavailable('The service is unavailable for a moment; try again shortly', DATABASE_RETRY_SECONDS, cause) : error;
}

export function retryAfterOf(error: unknown): number | undefined {
  return error instanceof AppError ? error.retryAfterSeconds : undefined;
}
