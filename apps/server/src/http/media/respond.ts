import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, type MediaErrorCode } from '@confab/api';

/** A refusal the client can act on: an HTTP status plus `{error: {code, message}}`. */
export class MediaHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: MediaErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'MediaHttpError';
  }
}

export const mediaError = {
  badRequest: (message: string) => new MediaHttpError(400, 'BAD_REQUEST', message),
  unauthorized: (message = 'Sign in again') => new MediaHttpError(401, 'UNAUTHORIZED', message, { 'www-authenticate': 'Bearer' }),
  notFound: () => new MediaHttpError(404, 'NOT_FOUND', 'Media not found'),
  methodNotAllowed: (allow: string) => new MediaHttpError(405, 'METHOD_NOT_ALLOWED', `Use ${allow}`, { allow }),
  tooLarge: (message: string) => new MediaHttpError(413, 'PAYLOAD_TOO_LARGE', message),
  unsupported: (message: string) => new MediaHttpError(415, 'UNSUPPORTED_MEDIA_TYPE', message),
  tooManyRequests: (message: string, retryAfterSeconds: number) =>
    new MediaHttpError(429, 'TOO_MANY_REQUESTS', message, { 'retry-after': String(retryAfterSeconds) }),
};

/** The API's TOO_MANY_REQUESTS (a rate limit, a full server) as the media endpoints answer it: 429 + Retry-After. */
export function asMediaRefusal(error: unknown): unknown {
  if (error instanceof AppError && error.code === 'TOO_MANY_REQUESTS') return mediaError.tooManyRequests(error.message, error.retryAfterSeconds ?? 1);
  return error;
}

/** Runs a media request's expensive part (database, image decoding) under admission control. */
export type MediaAdmission = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * Sends a JSON error. If the request body is still arriving (a refused upload), the bytes
 * are read and dropped for a short while so the client sees the answer instead of a reset
 * connection, then the socket is closed: a client that keeps sending cannot hold it open.
 */
export function sendMediaError(req: IncomingMessage, res: ServerResponse, error: MediaHttpError): void {
  if (res.headersSent) return void res.destroy();
  const body = JSON.stringify({ error: { code: error.code, message: error.message } });
  res.writeHead(error.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...error.headers,
  });
  res.end(body);
  if (!req.complete) lingerThenClose(req);
}

const LINGER_MS = 2_000;

function lingerThenClose(req: IncomingMessage): void {
  const socket = req.socket;
  req.unpipe();
  req.on('data', () => {});
  req.on('error', () => {});
  req.resume();
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
  req.once('end', () => {
    clearTimeout(timer);
    socket.destroy();
  });
}
