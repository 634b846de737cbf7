import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { assertDigest, type MediaStore, type StagedBlob, type StoredBlob } from '@confab/api';
import { receiveToFile } from './receive-to-file.js';

/**
 * Files under a folder, named by the sha256 of their bytes: the same file uploaded twice is
 * stored once, and no path ever comes from a client. Bytes are always served through the server.
 */
export class FsMediaStore implements MediaStore {
  constructor(private readonly root: string) {}

  async put(body: Readable, maxBytes: number): Promise<StoredBlob> {
    const staged = await this.stage(body, maxBytes);
    await staged.commit();
    return { sha256: staged.sha256, size: staged.size };
  }

  async stage(body: Readable, maxBytes: number): Promise<StagedBlob> {
    const received = await receiveToFile(body, maxBytes, path.join(this.root, 'tmp'));
    const final = this.pathOf(received.sha256);
    return {
      ...received,
      commit: async () => {
        await mkdir(path.dirname(final), { recursive: true });
        await rename(received.path, final);
      },
      abort: () => rm(received.path, { force: true }),
    };
  }

  async get(sha256: string, range?: { start: number; end: number }): Promise<Readable> {
    const stream = createReadStream(this.pathOf(sha256), range);
    // Opening fails asynchronously; wait for it so a missing file is this call's error.
    await new Promise<void>((resolve, reject) => stream.once('open', () => resolve()).once('error', reject));
    return stream;
  }

  async size(sha256: string): Promise<number | null> {
    return stat(this.pathOf(sha256)).then(
      (s) => s.size,
      () => null,
    );
  }

  async exists(sha256: string): Promise<boolean> {
    return (await this.size(sha256)) !== null;
  }

  async delete(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  withLocalFile<T>(sha256: string, work: (path: string) => Promise<T>): Promise<T> {
    return work(this.pathOf(sha256));
  }

  async directDownloadUrl(): Promise<null> {
    return null;
  }

  private pathOf(sha256: string): string {
    assertDigest(sha256);
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }
}
