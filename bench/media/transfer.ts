import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { Readable } from 'node:stream';

const CHUNK = 256 * 1024;

/** Deterministic pseudo-random bytes, generated as they are sent: the bench never holds the file. */
export function generatedFile(totalBytes: number): { stream: Readable; sha256: () => string } {
  const hash = createHash('sha256');
  let sent = 0;
  let seed = 0x9e3779b9;
  const stream = new Readable({
    read() {
      if (sent >= totalBytes) return void this.push(null);
      const size = Math.min(CHUNK, totalBytes - sent);
      const chunk = Buffer.allocUnsafe(size);
      for (let i = 0; i < size; i += 4) {
        // xorshift32: cheap, and not compressible or deduplicated by anyone on the way.
        seed ^= seed << 13;
        seed ^= seed >>> 17;
        seed ^= seed << 5;
        chunk.writeUInt32LE(seed >>> 0, i);
      }
      hash.update(chunk);
      sent += size;
      this.push(chunk);
    },
  });
  return { stream, sha256: () => hash.digest('hex') };
}

/** POST /media with a streamed body; resolves with the server's JSON answer. */
export function uploadStream(baseUrl: string, token: string, body: Readable, totalBytes: number, kind: string): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(`/media?kind=${kind}`, baseUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'content-length': String(totalBytes), 'x-file-name': 'bench-50mb.bin' },
    });
    req.on('response', (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(parts).toString() || 'null') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    body.pipe(req);
  });
}

/** GET /media/:id, hashing the bytes as they arrive (nothing kept). */
export function downloadStream(baseUrl: string, token: string, mediaId: string): Promise<{ status: number; bytes: number; sha256: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(`/media/${mediaId}`, baseUrl), { headers: { authorization: `Bearer ${token}` } });
    req.on('response', (res) => {
      const hash = createHash('sha256');
      let bytes = 0;
      res.on('data', (d: Buffer) => {
        bytes += d.length;
        hash.update(d);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, sha256: hash.digest('hex') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
