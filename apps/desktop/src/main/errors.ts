import { TRPCClientError } from '@trpc/client';
import { errorCode, isSessionEnded, retryAfterSeconds } from '../core/sync/errors.js';
import type { IpcError } from '../shared/ipc-contract.js';
import { UploadError } from '../core/media/upload-media.js';

/** A refusal decided in the main process (bad sender, bad payload, unsupported). */
export class BridgeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'BridgeError';
  }
}

/**
 * Any failure → the plain { code, message } the renderer shows. Only the message crosses: no
 * stack, no cause (they may name files or hold tokens).
 */
export function toIpcError(error: unknown): IpcError {
  if (error instanceof BridgeError || error instanceof UploadError) return { code: error.code, message: error.message };
  if (isSessionEnded(error)) return { code: 'UNAUTHORIZED', message: 'This session has ended. Sign in again.' };
  if (error instanceof TRPCClientError) {
    const code = errorCode(error);
    if (code === null) return { code: 'NETWORK', message: 'Cannot reach Confab. Check your connection and try again.' };
    const wait = retryAfterSeconds(error);
    return { code, message: error.message, ...(wait === null ? {} : { retryAfterSeconds: wait }) };
  }
  return { code: 'FAILED', message: error instanceof Error ? error.message : 'Something went wrong.' };
}
