import { TRPCClientError } from '@trpc/client';
import { BackendError, NOT_SUPPORTED } from '../backend';

interface ErrorData {
  code?: string;
  httpStatus?: number;
  retryAfterSeconds?: number;
  issues?: { path: string; message: string }[];
}

/** A procedure this server does not have (an older server, or a feature not built yet). */
export function isMissingProcedure(error: unknown): boolean {
  return error instanceof TRPCClientError && /No procedure found on path|-procedure on path/.test(error.message);
}

/** tRPC and network failures → one BackendError with a message a person can act on. */
export function toBackendError(error: unknown): BackendError {
  if (error instanceof BackendError) return error;
  if (isMissingProcedure(error)) return new BackendError(NOT_SUPPORTED, 'This server does not support that yet.');
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? {}) as ErrorData;
    const code = data.code ?? (error.cause ? 'NETWORK' : 'UNKNOWN');
    if (code === 'NETWORK' || (!data.code && !error.shape)) {
      return new BackendError('NETWORK', 'Cannot reach Confab. Check your connection and try again.');
    }
    // Validation failures carry zod issues; the first one is the useful sentence.
    const message = code === 'BAD_REQUEST' && data.issues?.[0] ? data.issues[0].message : error.message;
    return new BackendError(code, message, data.retryAfterSeconds);
  }
  if (error instanceof Error && error.name === 'AbortError') return new BackendError('ABORTED', 'Cancelled.');
  return new BackendError('UNKNOWN', error instanceof Error ? error.message : 'Something went wrong.');
}
