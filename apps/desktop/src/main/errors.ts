import { ClientError, SESSION_ENDED_MESSAGE, toClientError } from '../shared/errors.js';
import type { BridgeFailure } from '../shared/bridge.js';
import { isSessionEnded } from '../core/sync/errors.js';

/** A refusal decided in the main process (bad sender, bad payload, unknown channel). */
export const refusal = (code: 'FORBIDDEN' | 'BAD_REQUEST' | 'NOT_FOUND', message: string): BridgeFailure => ({ code, message });

/**
 * Any failure → the plain { code, message } the page shows. Only the message crosses: no
 * stack, no cause (they may name files or hold tokens).
 */
export function toBridgeFailure(error: unknown): BridgeFailure {
  const { code, message, retryAfterSeconds } = isSessionEnded(error) ? new ClientError('UNAUTHORIZED', SESSION_ENDED_MESSAGE) : toClientError(error);
  return { code, message, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) };
}
