import { serverForSuite } from '@confab/testing/suite';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { MEDIA_QUOTA_BYTES } from '@confab/api/media/limits';
import type { ManualClock } from '@confab/api';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { pngImage, solidPngOfSize } from '@confab/testing/media/images';
import { streamUpload, upload, watchRss } from '@confab/testing/media/upload';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function filesUnder(root: string): Promise<string[]> {
  if (!existsSync(root)) return [];
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

/**
 * Everything the media store holds: files under DATA_DIR/media (temp files under tmp/), or the
 * bucket's keys (blobs/…, staging/…) plus the uploads being received locally (tmp/…).
 */
async function storedFiles(server: TestServer): Promise<string[]> {
  if (!server.s3) return filesUnder(path.join(server.dataDir, 'media'));
  const local = await filesUnder(path.join(server.dataDir, 'tmp'));
  return [...(await server.s3.keys()), ...local.map((f) => `tmp${path.sep}${f}`)];
}
const isTemporary = (file: string) => file.startsWith(`tmp${path.sep}`) || file.startsWith('staging/');

describe.each(['file', 's3'] as const)('media upload and download (%s store)', (store) => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, cleo: SignedInUser;
  const token = (u: SignedInUser) => u.tokens.accessToken;
  const get = (u: SignedInUser | null, pathname: string, headers: Record<string, string> = {}) =>
    fetch(new URL(pathname, server.url), { headers: { ...(u ? { authorization: `Bearer ${token(u)}` } : {}), ...headers } });

  serverForSuite(async (s) => {
    server = s;
    [ana, ben, cleo] = await Promise.all([signIn(server), signIn(server), signIn(server)]);
    return [ana, ben, cleo];
  }, { mediaStore: store });

  it('stores a PNG, reports its real type and size, and makes a thumbnail', async () => {
    const png = await pngImage(1200, 800);
    const res = await upload(server.url, token(ana), png, { contentType: 'image/png', fileName: 'holiday.png' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'image', mime: 'image/png', size: png.length, width: 1200, height: 800, fileName: 'holiday.png', hasThumb: true });

    const original = await get(ana, `/media/${res.body.mediaId}`);
    expect(original.status).toBe(200);
    expect(Buffer.from(await original.arrayBuffer()).equals(png)).toBe(true);

    const thumb = await get(ana, `/media/${res.body.mediaId}/thumb`);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect(meta.format).toBe('webp');
    expect(Math.max(meta.width, meta.height)).toBeLessThanOrEqual(320);
    expect(meta.width).toBe(320);
  });

  it('sends every download with the headers that keep a browser from running it (SECURITY 21)', async () => {
    const doc = Buffer.from('<html><script>alert(1)</script></html>');
    const res = await upload(server.url, token(ana), doc, { contentType: 'text/html', kind: 'document', fileName: 'résumé ✓.html' });
    expect(res.status).toBe(201);
    expect(res.body.mime).toBe('application/octet-stream'); // never the client's text/html

    const download = await get(ana, `/media/${res.body.mediaId}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/octet-stream');
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="r_sum_ _.html"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%E2%9C%93.html`);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-security-policy')).toMatch(/^sandbox\b/);
    expect(download.headers.get('accept-ranges')).toBe('bytes');
    expect(download.headers.get('etag')).toBe(`"${sha256(doc)}"`);

    const image = await upload(server.url, token(ana), await pngImage(10, 10), { contentType: 'image/png' });
    const imageDownload = await get(ana, `/media/${image.body.mediaId}`);
    expect(imageDownload.headers.get('content-disposition')).toMatch(/^attachment; filename="image-[0-9a-f]{8}\.png"; filename\*=UTF-8''image-/);
    expect(imageDownload.headers.get('content-security-policy')).toMatch(/^sandbox\b/);
    expect(imageDownload.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('keeps only a harmless display name from X-File-Name; storage paths come from the hash', async () => {
    const bytes = randomBytes(1000);
    const res = await upload(server.url, token(ana), bytes, { kind: 'document', fileName: '../../etc/passwd\u202Egpj.exe' });
    expect(res.status).toBe(201);
    expect(res.body.fileName).toBe('passwd_gpj.exe');
    const files = await storedFiles(server);
    expect(files.some((f) => f.endsWith(sha256(bytes)))).toBe(true);
    expect(files.some((f) => f.includes('passwd'))).toBe(false);
  });

  it('answers a Range request with exactly the requested bytes', async () => {
    const bytes = randomBytes(100_000);
    const { body } = await upload(server.url, token(ana), bytes, { kind: 'document' });

    const middle = await get(ana, `/media/${body.mediaId}`, { range: 'bytes=1000-1999' });
    expect(middle.status).toBe(206);
    expect(middle.headers.get('content-range')).toBe('bytes 1000-1999/100000');
    expect(middle.headers.get('content-length')).toBe('1000');
    expect(Buffer.from(await middle.arrayBuffer()).equals(bytes.subarray(1000, 2000))).toBe(true);

    const tail = await get(ana, `/media/${body.mediaId}`, { range: 'bytes=-10' });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(99_990))).toBe(true);

    const open = await get(ana, `/media/${body.mediaId}`, { range: 'bytes=99000-' });
    expect(open.headers.get('content-range')).toBe('bytes 99000-99999/100000');
    expect((await open.arrayBuffer()).byteLength).toBe(1000);

    const beyond = await get(ana, `/media/${body.mediaId}`, { range: 'bytes=100000-100010' });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe('bytes */100000');
    expect((await beyond.json()).error.code).toBe('RANGE_NOT_SATISFIABLE');

    const cached = await get(ana, `/media/${body.mediaId}`, { 'if-none-match': `"${sha256(bytes)}"` });
    expect(cached.status).toBe(304);
  });

  it('gives 404 to anyone who may not see the media, exactly as for an unknown id', async () => {
    const { body } = await upload(server.url, token(ana), await pngImage(50, 50), { contentType: 'image/png' });
    for (const pathname of [`/media/${body.mediaId}`, `/media/${body.mediaId}/thumb`, '/media/00000000-0000-0000-0000-000000000000']) {
      const res = await get(cleo, pathname);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Media not found' } });
    }
    await expect(cleo.trpc.media.url.query({ mediaId: body.mediaId })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    await expect(cleo.trpc.media.get.query({ mediaId: body.mediaId })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
  });

  it('refuses requests without a valid bearer token with 401, and never reads a token from the URL', async () => {
    const { body } = await upload(server.url, token(ana), randomBytes(100), { kind: 'document' });
    const none = await get(null, `/media/${body.mediaId}`);
    expect(none.status).toBe(401);
    expect((await none.json()).error.code).toBe('UNAUTHORIZED');
    const bad = await get(null, `/media/${body.mediaId}`, { authorization: 'Bearer not-a-token' });
    expect(bad.status).toBe(401);
    const inUrl = await get(null, `/media/${body.mediaId}?token=${token(ana)}&access_token=${token(ana)}`);
    expect(inUrl.status).toBe(401);
    const anonymousUpload = await upload(server.url, null, randomBytes(100), { kind: 'document' });
    expect(anonymousUpload.status).toBe(401);
    expect(anonymousUpload.body.error.code).toBe('UNAUTHORIZED');
  });

  it('serves signed links from media.url to the user they were made for, for five minutes', async () => {
    const png = await pngImage(400, 300);
    const { body } = await upload(server.url, token(ana), png, { contentType: 'image/png' });
    const link = await ana.trpc.media.url.query({ mediaId: body.mediaId });
    expect(link.url).toMatch(/\/media\/[^?]+\?u=.+&exp=\d+&sig=/);
    expect(link.url).not.toContain(token(ana));

    const viaLink = await get(null, link.path);
    expect(viaLink.status).toBe(200);
    expect(Buffer.from(await viaLink.arrayBuffer()).equals(png)).toBe(true);
    expect((await get(null, link.thumbPath!)).status).toBe(200);

    const forged = new URL(link.path, server.url);
    forged.searchParams.set('u', cleo.user.id);
    expect((await get(null, forged.pathname + forged.search)).status).toBe(401);
    const otherMedia = await upload(server.url, token(ana), randomBytes(64), { kind: 'document' });
    expect((await get(null, link.path.replace(body.mediaId, otherMedia.body.mediaId))).status).toBe(401);

    (server.clock as ManualClock).advance(5 * 60 * 1000 + 1000);
    const expired = await get(null, link.path);
    expect(expired.status).toBe(401);
    expect((await expired.json()).error.message).toMatch(/expired/);
  });

  it('refuses a file declared as an image whose bytes are text, and keeps nothing', async () => {
    const before = await storedFiles(server);
    const text = Buffer.from('just some text, not a picture at all\n'.repeat(100));
    const res = await upload(server.url, token(ana), text, { contentType: 'image/png' });
    expect([400, 415]).toContain(res.status);
    expect(res.body.error.message).toMatch(/not an image/);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>');
    expect((await upload(server.url, token(ana), svg, { contentType: 'image/svg+xml' })).status).toBe(415);
    expect(await storedFiles(server)).toEqual(before);
  });

  it('refuses a 20,000 × 20,000 px image without decoding it, and keeps nothing', async () => {
    const before = await storedFiles(server);
    const bomb = solidPngOfSize(20_000, 20_000);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const res = await upload(server.url, token(ana), bomb, { contentType: 'image/png' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/16384 px/);
    expect(await storedFiles(server)).toEqual(before);
  });

  it('refuses an upload over the kind limit with 413 and goes on serving', async () => {
    const tooBig = Buffer.alloc(16 * 1024 * 1024 + 1, 1);
    const announced = await upload(server.url, token(ana), tooBig, { contentType: 'image/png' });
    expect(announced.status).toBe(413);
    expect(announced.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/16 MB/) });

    const chunked = await streamUpload(server.url, token(ana), 20 * 1024 * 1024, { contentType: 'image/png' });
    expect(chunked.status).toBe(413);

    expect((await fetch(new URL('/healthz', server.url))).status).toBe(200);
    expect((await upload(server.url, token(ana), await pngImage(20, 20), { contentType: 'image/png' })).status).toBe(201);
    expect((await storedFiles(server)).filter(isTemporary)).toEqual([]);
  });

  it('refuses a 2 GB upload early, without buffering it (RSS grows < 50 MB)', async () => {
    const twoGb = 2 * 1024 * 1024 * 1024;
    const rss = watchRss();
    const streamed = await streamUpload(server.url, token(ben), twoGb, { kind: 'image', contentType: 'image/png' });
    const announced = await streamUpload(server.url, token(ben), twoGb, { kind: 'video', contentType: 'video/mp4', announceLength: true });
    const growth = rss.stop();
    expect(streamed.status).toBe(413);
    expect(streamed.bytesSent).toBeLessThan(200 * 1024 * 1024);
    expect(announced.status).toBe(413);
    expect(announced.body.error.message).toMatch(/100 MB/);
    expect(growth).toBeLessThan(50 * 1024 * 1024);
    expect((await upload(server.url, token(ben), randomBytes(10), { kind: 'document' })).status).toBe(201);
  });

  it('enforces a per-user storage quota with a clear 413', async () => {
    // Fill the quota with a recorded upload instead of sending 2 GB.
    await server.deps.db
      .insertInto('media')
      .values({ id: crypto.randomUUID(), ownerId: cleo.user.id, sha256: 'f'.repeat(64), size: MEDIA_QUOTA_BYTES - 1000, mime: 'application/octet-stream', kind: 'document', fileName: null, width: null, height: null, durationMs: null, createdAt: new Date(), thumbSha256: null, thumbMime: null })
      .execute();
    const small = await upload(server.url, token(cleo), randomBytes(500), { kind: 'document' });
    expect(small.status).toBe(201);
    const over = await upload(server.url, token(cleo), randomBytes(5000), { kind: 'document' });
    expect(over.status).toBe(413);
    expect(over.body.error.message).toMatch(/storage is full.*2048 MB/);
    const streamedOver = await streamUpload(server.url, token(cleo), 10_000, { kind: 'document' });
    expect(streamedOver.status).toBe(413);
  });

  it('lets chat members see media in messages within their visible range, and nobody else', async () => {
    const chat = await ana.trpc.chats.openDirect.mutate({ userId: ben.user.id });
    const { body } = await upload(server.url, token(ana), await pngImage(64, 64), { contentType: 'image/png' });
    expect((await get(ben, `/media/${body.mediaId}`)).status).toBe(404);

    // messages.send does not take media yet: record the image message the way it will.
    const { db } = server.deps;
    const seq = (await db.selectFrom('chats').select('lastSeq').where('id', '=', chat.id).executeTakeFirstOrThrow()).lastSeq + 1;
    await db
      .insertInto('messages')
      .values({ id: crypto.randomUUID(), chatId: chat.id, seq, senderId: ana.user.id, clientId: 'img-1', kind: 'image', text: null, mediaId: body.mediaId, replyToId: null, meta: null, createdAt: new Date(), editedAt: null, deletedAt: null, expiresAt: null })
      .execute();
    await db.updateTable('chats').set({ lastSeq: seq }).where('id', '=', chat.id).execute();

    expect((await get(ben, `/media/${body.mediaId}`)).status).toBe(200);
    expect((await get(ben, `/media/${body.mediaId}/thumb`)).status).toBe(200);
    expect((await ben.trpc.media.get.query({ mediaId: body.mediaId })).kind).toBe('image');
    expect((await get(cleo, `/media/${body.mediaId}`)).status).toBe(404);

    // Once Ben clears the chat, the message is outside his window and so is the image.
    await db.updateTable('chatMembers').set({ clearedSeq: seq }).where('chatId', '=', chat.id).where('userId', '=', ben.user.id).execute();
    expect((await get(ben, `/media/${body.mediaId}`)).status).toBe(404);
  });
});
