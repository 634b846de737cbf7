import type { Readable } from 'node:stream';

export interface StoredBlob {
  sha256: string;
  size: number;
}

/**
 * Bytes received but not yet in the store under their digest: they can be read at `path`, and
 * only `commit()` makes them `sha256` (or `abort()` drops them). Uploads commit while holding
 * the digest's lock (media/blob-lock.ts), so a file another upload of the same bytes is about to
 * use can never be deleted between its arrival and its row.
 */
export interface StagedBlob extends StoredBlob {
  path: string;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/** Where media bytes live; keys are sha256 digests computed by the store itself. */
export interface MediaStore {
  /** Streams the body into the store; rejects (and keeps nothing) once more than maxBytes arrive. */
  put(body: Readable, maxBytes: number): Promise<StoredBlob>;
  /** `put` in two steps: receive the bytes now, make them visible under their digest on commit. */
  stage(body: Readable, maxBytes: number): Promise<StagedBlob>;
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
