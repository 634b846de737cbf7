import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PayloadTooLargeError } from '@confab/api';

export interface ReceivedFile {
  path: string;
  sha256: string;
  size: number;
}

/**
 * Streams a body into a new private file under `dir`, hashing it on the way; fails (and keeps
 * nothing) as soon as more than maxBytes arrive. Every store receives uploads this way: the
 * bytes are never held in memory, and the file is what sniffing and sharp read.
 */
export async function receiveToFile(body: Readable, maxBytes: number, dir: string): Promise<ReceivedFile> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, randomUUID());
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
  const out = createWriteStream(file, { mode: 0o600 });
  try {
    await pipeline(body, meter, out);
  } catch (error) {
    // The file may still be opening when the pipeline fails; remove it only once it is closed.
    if (!out.closed) await once(out, 'close').catch(() => {});
    await rm(file, { force: true });
    throw error;
  }
  return { path: file, sha256: hash.digest('hex'), size };
}
