import type { Readable } from 'node:stream';

export interface StoredBlob {
  sha256: string;
  size: number;
}

/**
 * Bytes received but not yet in the store under their digest: a local copy can be read at
 * `path` (sniffing, sharp), and only `commit()` makes them `sha256` (or `abort()` drops them;
 * after a commit it drops only the local copy). Uploads commit while holding the digest's lock
 * (media/blob-lock.ts), so a file another upload of the same bytes is about to use can never be
 * deleted between its arrival and its row.
 */
export interface StagedBlob extends StoredBlob {
  path: string;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/** What a browser is told about a download it is sent straight to the store for. */
export interface DirectDownload {
  contentType: string;
  contentDisposition: string;
  /** The moment the link is signed (the server's clock). */
  now: Date;
  /** The link must not work past this (it never outlives the server's own signed link that led to it). */
  notAfter: Date;
}

/**
 * Where media bytes live; keys are sha256 digests computed by the store itself. Nothing outside
 * a store sees where it keeps them: tools that need a file (ffprobe) borrow one with `withLocalFile`.
 */
export interface MediaStore {
  /** Streams the body into the store; rejects (and keeps nothing) once more than maxBytes arrive. */
  put(body: Readable, maxBytes: number): Promise<StoredBlob>;
  /** `put` in two steps: receive the bytes now, make them visible under their digest on commit. */
  stage(body: Readable, maxBytes: number): Promise<StagedBlob>;
  /** A stream of bytes [start, end] inclusive, or the whole blob. */
  get(sha256: string, range?: { start: number; end: number }): Promise<Readable>;
  /** The blob's size in bytes, or null when the store does not have it. */
  size(sha256: string): Promise<number | null>;
  exists(sha256: string): Promise<boolean>;
  /** Removes the blob; removing one that is already gone is not an error. */
  delete(sha256: string): Promise<void>;
  /** Runs `work` with a local file holding the blob (the store's own file, or a temporary copy removed afterwards). */
  withLocalFile<T>(sha256: string, work: (path: string) => Promise<T>): Promise<T>;
  /**
   * A short-lived link that lets a browser fetch the blob from the store itself (object
   * storage's presigned URL), or null when this store serves bytes only through the server.
   */
  directDownloadUrl(sha256: string, download: DirectDownload): Promise<string | null>;
}

export class PayloadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`upload exceeds ${limit} bytes`);
    this.name = 'PayloadTooLargeError';
  }
}

/** Digests are the only keys a store accepts: no path or key ever comes from a client. */
export function assertDigest(sha256: string): void {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256 digest');
}
