import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PayloadTooLargeError, type MediaStore, type StagedBlob, type StoredBlob } from '@confab/api';

/**
 * Files under a folder, named by the sha256 of their bytes: the same file uploaded twice is
 * stored once, and no path ever comes from a client.
 */
export class FsMediaStore implements MediaStore {
  constructor(private readonly root: string) {}

  async put(body: Readable, maxBytes: number): Promise<StoredBlob> {
    const staged = await this.stage(body, maxBytes);
    await staged.commit();
    return { sha256: staged.sha256, size: staged.size };
  }

  async stage(body: Readable, maxBytes: number): Promise<StagedBlob> {
    const tmpDir = path.join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) return done(new PayloadTooLargeError(maxBytes));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    const file = createWriteStream(tmp, { mode: 0o600 });
    try {
      await pipeline(body, meter, file);
    } catch (error) {
      // The file may still be opening when the pipeline fails; remove it only once it is closed.
      if (!file.closed) await once(file, 'close').catch(() => {});
      await rm(tmp, { force: true });
      throw error;
    }
    const sha256 = hash.digest('hex');
    const final = this.pathOf(sha256);
    return {
      sha256,
      size,
      path: tmp,
      commit: async () => {
        await mkdir(path.dirname(final), { recursive: true });
        await rename(tmp, final);
      },
      abort: () => rm(tmp, { force: true }),
    };
  }

  get(sha256: string, range?: { start: number; end: number }): Readable {
    return createReadStream(this.pathOf(sha256), range);
  }

  async exists(sha256: string): Promise<boolean> {
    return stat(this.pathOf(sha256)).then(
      () => true,
      () => false,
    );
  }

  async delete(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256 digest');
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }
}
