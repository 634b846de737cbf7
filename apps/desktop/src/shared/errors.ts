/**
 * The one client-side error type, for the web and the desktop alike: every failure a screen can
 * meet becomes a ClientError with a code from a closed set (the server's AppErrorCode, what
 * /media answers, and the few the client detects itself), the words a person reads, and the wait
 * when limited. One rule says which codes end a session.
 */
import type { AppErrorCode, MediaErrorCode } from '@confab/api';
import { TRPCClientError } from '@trpc/client';

export type ClientErrorCode =
  | AppErrorCode
  | MediaErrorCode
  /** The server could not be reached (offline, DNS, refused, timed out). */
  | 'NETWORK'
  /** The desktop app's own process did not answer. */
  | 'UNAVAILABLE'
  | 'ABORTED'
  /** Anything else that went wrong on this device. */
  | 'FAILED';

export class ClientError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ClientError';
  }
}

export const NETWORK_MESSAGE = 'Cannot reach Confab. Check your connection and try again.';
export const SESSION_ENDED_MESSAGE = 'This session has ended. Sign in again.';

interface ErrorData {
  code?: string;
  retryAfterSeconds?: number;
  issues?: { path: string; message: string }[];
}

/** tRPC, network and device failures → one ClientError with a message a person can act on. */
export function toClientError(error: unknown): ClientError {
  if (error instanceof ClientError) return error;
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? {}) as ErrorData;
    if (!data.code) return new ClientError('NETWORK', NETWORK_MESSAGE);
    // Validation failures carry zod issues; the first one is the useful sentence.
    const message = data.code === 'BAD_REQUEST' && data.issues?.[0] ? data.issues[0].message : error.message;
    return new ClientError(data.code as ClientErrorCode, message, data.retryAfterSeconds);
  }
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    return error.name === 'AbortError' ? new ClientError('ABORTED', 'Cancelled.') : new ClientError('NETWORK', NETWORK_MESSAGE);
  }
  if (error instanceof TypeError && /fetch|network/i.test(error.message)) return new ClientError('NETWORK', NETWORK_MESSAGE);
  return new ClientError('FAILED', error instanceof Error ? error.message : 'Something went wrong.');
}

/**
 * The answer to a token refresh that ends the session: the server refused the refresh token
 * (reused, revoked, expired, or not one at all). Any other failure — offline, busy — keeps the
 * session for the next try.
 */
export function endsSession(code: ClientErrorCode | null): boolean {
  return code === 'UNAUTHORIZED' || code === 'BAD_REQUEST';
}

/** Codes where sending the same request again cannot succeed (the outbox gives such an entry up). */
export function isRefusal(code: ClientErrorCode | null): boolean {
  return code === 'BAD_REQUEST' || code === 'FORBIDDEN' || code === 'NOT_FOUND' || code === 'PAYLOAD_TOO_LARGE' || code === 'CONFLICT' || code === 'PRECONDITION_FAILED' || code === 'UNSUPPORTED_MEDIA_TYPE';
}

/**
 * The sentence to show for a failure. The server's messages are written for people already; a
 * rate limit gets its wait spelled out ("Try again in 9 min").
 */
export function errorText(error: unknown): string {
  const { message, retryAfterSeconds } = toClientError(error);
  if (!retryAfterSeconds) return message;
  const base = message.replace(/\s*Try again (later|in a minute)\.?$/i, '').replace(/\.?$/, '.');
  return `${base} Try again in ${formatWait(retryAfterSeconds)}.`;
}

export function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.ceil(minutes / 60)} h`;
}

/**
 * The server no longer keeps the events after the client's last id (EVENT_RETENTION_DAYS):
 * `sync.events` / `sync.changes` answer PRECONDITION_FAILED with `data.resync: true`, and the
 * client loads its chats and recent history again instead of replaying.
 */
export function isResyncRequired(error: unknown): boolean {
  return error instanceof TRPCClientError && (error.data as { resync?: unknown } | undefined)?.resync === true;
}
