import type { Readable } from 'node:stream';

export interface StoredBlob {
  sha256: string;
  size: number;
}

/** Where media bytes live; keys are sha256 digests computed by the store itself. */
export interface MediaStore {
  /** Streams the body into the store; rejects (and keeps nothing) once more than maxBytes arrive. */
  put(body: Readable, maxBytes: number): Promise<StoredBlob>;
  /** A stream of bytes [start, end] inclusive, or the whole blob. */
  get(sha256: string, range?: { start: number; end: number }): Readable;
  exists(sha256: string): Promise<boolean>;
  delete(sha256: string): Promise<void>;
  /** A local path for tools that need a file (sharp, ffprobe). */
  pathOf(sha256: string): string;
}

export class PayloadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`upload exceeds ${limit} bytes`);
    this.name = 'PayloadTooLargeError';
  }
}
