import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pngImage } from '@confab/testing/media/images';
import { upload } from '@confab/testing/media/upload';
import { startLoopbackS3 } from '@confab/testing/loopback-s3';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import { serverForSuite } from '@confab/testing/suite';
import type { TestServer } from '@confab/testing/test-server';
import { S3MediaStore } from './s3-media-store.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * MEDIA_STORE=s3 against a loopback S3 server (s3rver): what a user sees through the public API
 * — uploads kept in the bucket, downloads whole and in ranges, thumbnails, presigned links for
 * <img>/<video> that expire. media.test.ts, same-bytes-race.test.ts and
 * collect-orphaned-media.test.ts run against this store too.
 */
describe('media in an S3 bucket', () => {
  let server: TestServer, ana: SignedInUser;
  const bearer = () => ({ authorization: `Bearer ${ana.tokens.accessToken}` });
  const localTemp = async () => {
    const dir = path.join(server.dataDir, 'tmp');
    return existsSync(dir) ? (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name) : [];
  };
  serverForSuite(async (s) => [(server = s), (ana = await signIn(s))][1] as SignedInUser, { mediaStore: 's3' });

  it('streams a 12 MB upload to the bucket in parts and serves it whole and in ranges across a part boundary', async () => {
    const bytes = randomBytes(12 * 1024 * 1024);
    const before = server.s3!.requests.length;
    const { status, body } = await upload(server.url, ana.tokens.accessToken, bytes, { kind: 'document', fileName: 'big.bin' });
    expect(status).toBe(201);
    const key = `blobs/${sha256(bytes)}`;
    const object = await server.s3!.head(key);
    expect(object?.size).toBe(bytes.length);
    // A multipart upload of two 8 MiB parts to staging/, then a copy inside the store to the digest's key.
    const made = server.s3!.requests.slice(before).filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
    const parts = made.filter((r) => r.method === 'PUT' && r.params.includes('partNumber'));
    expect(parts).toHaveLength(2);
    expect(parts.every((r) => r.path.startsWith(`/${server.s3!.bucket}/staging/`))).toBe(true);
    expect(made.some((r) => r.method === 'POST' && r.params.includes('uploads'))).toBe(true);
    expect(made.some((r) => r.method === 'PUT' && r.path === `/${server.s3!.bucket}/${key}`)).toBe(true);
    // Nothing left in staging/ or in the local receiving folder.
    expect((await server.s3!.keys()).filter((k) => !k.startsWith('blobs/'))).toEqual([]);
    expect(await localTemp()).toEqual([]);

    const whole = await fetch(`${server.url}/media/${body.mediaId}`, { headers: bearer() });
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);

    const boundary = 8 * 1024 * 1024;
    const part = await fetch(`${server.url}/media/${body.mediaId}`, { headers: { ...bearer(), range: `bytes=${boundary - 100}-${boundary + 99}` } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes ${boundary - 100}-${boundary + 99}/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(boundary - 100, boundary + 100))).toBe(true);
  });

  it('sends a signed link on to the bucket with a presigned URL that works, keeps the download headers and never outlives the link', async () => {
    const png = await pngImage(500, 400);
    const { body } = await upload(server.url, ana.tokens.accessToken, png, { contentType: 'image/png', fileName: 'été.png' });
    const link = await ana.trpc.media.url.query({ mediaId: body.mediaId });

    const redirect = await fetch(new URL(link.path, server.url), { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('cache-control')).toBe('no-store');
    const presigned = new URL(redirect.headers.get('location')!);
    expect(presigned.origin).toBe(server.s3!.endpoint);
    expect(presigned.pathname).toBe(`/${server.s3!.bucket}/blobs/${sha256(png)}`);
    expect(Number(presigned.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(300);
    expect(presigned.search).not.toContain(ana.tokens.accessToken);

    const fromBucket = await fetch(presigned);
    expect(fromBucket.status).toBe(200);
    expect(fromBucket.headers.get('content-type')).toBe('image/png');
    expect(fromBucket.headers.get('content-disposition')).toBe(`attachment; filename="_t_.png"; filename*=UTF-8''%C3%A9t%C3%A9.png`);
    expect(Buffer.from(await fromBucket.arrayBuffer()).equals(png)).toBe(true);
    const ranged = await fetch(presigned, { headers: { range: 'bytes=0-99' } });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(png.subarray(0, 100))).toBe(true);

    const thumb = await fetch(new URL(link.thumbPath!, server.url));
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/webp');

    // The bucket is private: a changed signature or no signature at all is refused.
    const forged = new URL(presigned);
    forged.searchParams.set('X-Amz-Signature', '0'.repeat(64));
    expect((await fetch(forged)).status).toBe(403);
    expect((await fetch(`${presigned.origin}${presigned.pathname}`)).status).toBe(403);

    // The apps' bearer requests and HEAD are served by the server itself.
    const proxied = await fetch(`${server.url}/media/${body.mediaId}`, { headers: bearer(), redirect: 'manual' });
    expect(proxied.status).toBe(200);
    expect(proxied.headers.get('content-security-policy')).toMatch(/^sandbox\b/);
    expect(Buffer.from(await proxied.arrayBuffer()).equals(png)).toBe(true);
    const head = await fetch(new URL(link.path, server.url), { method: 'HEAD', redirect: 'manual' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(png.length));

    // Four minutes into the link's five, the bucket's URL lives for the minute left at most.
    server.clock.advance(4 * 60 * 1000);
    const later = await fetch(new URL(link.path, server.url), { redirect: 'manual' });
    expect(Number(new URL(later.headers.get('location')!).searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(60);
  });

  it('a presigned URL stops working once it has expired', async () => {
    const bytes = randomBytes(2048);
    const { body } = await upload(server.url, ana.tokens.accessToken, bytes, { kind: 'document' });
    // The server's clock ten minutes behind the store's: whatever it signs now expired five minutes ago.
    server.clock.advance(-10 * 60 * 1000);
    try {
      const link = await ana.trpc.media.url.query({ mediaId: body.mediaId });
      const redirect = await fetch(new URL(link.path, server.url), { redirect: 'manual' });
      expect(redirect.status).toBe(302);
      const expired = await fetch(redirect.headers.get('location')!);
      expect(expired.status).toBe(403);
      expect(await expired.text()).toMatch(/Request has expired/);
    } finally {
      server.clock.advance(10 * 60 * 1000);
    }
  });

  it('refuses to start on a bucket it cannot use, saying which', async () => {
    const s3 = await startLoopbackS3();
    try {
      const store = new S3MediaStore(
        { bucket: 'no-such-bucket', region: 'us-east-1', endpoint: s3.endpoint, publicEndpoint: null, forcePathStyle: true, credentials: { accessKeyId: s3.env.S3_ACCESS_KEY_ID!, secretAccessKey: s3.env.S3_SECRET_ACCESS_KEY! }, prefix: '', presignSeconds: 60 },
        path.join(server.dataDir, 'tmp', 'check'),
      );
      await expect(store.check()).rejects.toThrow(/media cannot be stored in bucket "no-such-bucket" \(NoSuchBucket, HTTP 404\)/);
      store.close();
    } finally {
      await s3.close();
    }
  });
});
