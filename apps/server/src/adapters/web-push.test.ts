import { createECDH, createPublicKey, hkdfSync, randomBytes, verify, createDecipheriv } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { collectEvents } from '@confab/testing/event-collector';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import { serverForSuite } from '@confab/testing/suite';
import type { TestServer } from '@confab/testing/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** A browser's side of a push subscription: its P-256 key pair and auth secret (RFC 8291). */
function browserSubscription(endpoint: string) {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return { endpoint, ecdh, auth, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') } };
}
type Subscription = ReturnType<typeof browserSubscription>;

/** What a user agent does with an aes128gcm push body (RFC 8188 record, RFC 8291 keys). */
function decrypt(body: Buffer, sub: Subscription): string {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const serverKey = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  const ecdhSecret = sub.ecdh.computeSecret(serverKey);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), sub.ecdh.getPublicKey(), serverKey]);
  const ikm = Buffer.from(hkdfSync('sha256', ecdhSecret, sub.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(-16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, -16)), decipher.final()]);
  // The last record ends with the delimiter 0x02, then zero padding.
  const end = padded.lastIndexOf(2);
  return padded.subarray(0, end).toString('utf8');
}

/** Checks the VAPID JWT (RFC 8292) against the server's public key; returns its claims. */
function vapidClaims(header: string, publicKey: string): { aud: string; exp: number; sub: string } {
  const match = /^vapid t=([^,]+), k=(.+)$/.exec(header);
  expect(match?.[2]).toBe(publicKey);
  const [h, p, s] = match![1]!.split('.') as [string, string, string];
  const raw = Buffer.from(publicKey, 'base64url');
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33).toString('base64url') }, format: 'jwk' });
  expect(verify('sha256', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url'))).toBe(true);
  return JSON.parse(Buffer.from(p, 'base64url').toString()) as { aud: string; exp: number; sub: string };
}

interface Delivery {
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** A self-signed certificate for the loopback push service (web-push speaks https only). */
function selfSignedCertificate(): { key: Buffer; cert: Buffer } | null {
  const dir = mkdtempSync(path.join(tmpdir(), 'confab-push-tls-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
    return { key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) };
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const tls = selfSignedCertificate();
if (!tls) console.warn('web-push.test: openssl is not installed; skipping the Web Push suite');

describe.skipIf(!tls)('Web Push to devices with no open app', () => {
  let push: Server, pushUrl: string;
  const deliveries: Delivery[] = [];
  /** How the fake push service answers each subscription path (201 unless set). */
  const answers = new Map<string, number>();
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, chatId: string;

  beforeAll(async () => {
    push = createServer(tls!, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        deliveries.push({ path: req.url!, headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(answers.get(req.url!) ?? 201).end();
      });
    });
    await new Promise<void>((resolve) => push.listen(0, '127.0.0.1', resolve));
    pushUrl = `https://127.0.0.1:${(push.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => push.close(() => resolve())));

  serverForSuite(
    async (s) => {
      server = s;
      [ana, ben] = await Promise.all([signIn(s), signIn(s)]);
      await ana.trpc.me.update.mutate({ name: 'Ana' });
      await ben.trpc.me.update.mutate({ name: 'Ben' });
      chatId = (await ben.trpc.chats.openDirect.mutate({ userId: ana.user.id })).id;
      return [ana, ben];
    },
    { env: { PUSH_ALLOW_LOOPBACK: '1' } },
  );

  const pushesTo = (path: string) => deliveries.filter((d) => d.path === path);
  let sub: Subscription;

  it('sends an encrypted, VAPID-signed push that decrypts to the message', async () => {
    sub = browserSubscription(`${pushUrl}/sub/ana`);
    const { key } = await ana.trpc.devices.vapidPublicKey.query();
    expect(key).toMatch(/^[A-Za-z0-9_-]{87}$/);
    const device = await ana.trpc.devices.register.mutate({ kind: 'webpush', name: 'Chromium on Linux', endpoint: sub.endpoint, keys: sub.keys });
    expect(device).toMatchObject({ kind: 'webpush', name: 'Chromium on Linux', current: true });

    await ben.trpc.messages.send.mutate({ chatId, clientId: 'p1', text: 'Are you coming tonight?' });
    await expect.poll(() => pushesTo('/sub/ana').length, { timeout: 30_000 }).toBe(1);
    const [delivery] = pushesTo('/sub/ana');
    expect(delivery!.headers['content-encoding']).toBe('aes128gcm');
    expect(Number(delivery!.headers.ttl)).toBeGreaterThan(0);
    // The text travels only encrypted.
    expect(delivery!.body.includes(Buffer.from('coming'))).toBe(false);
    const claims = vapidClaims(String(delivery!.headers.authorization), key!);
    expect(claims.aud).toBe(pushUrl);
    expect(JSON.parse(decrypt(delivery!.body, sub))).toEqual({ title: 'Ben', body: 'Are you coming tonight?', chatId, tag: chatId });
  });

  it('carries no message text when previews are off', async () => {
    await ana.trpc.settings.update.mutate({ notifications: { preview: false } });
    const before = pushesTo('/sub/ana').length;
    await ben.trpc.messages.send.mutate({ chatId, clientId: 'p2', text: 'the secret is 4512' });
    await expect.poll(() => pushesTo('/sub/ana').length, { timeout: 30_000 }).toBe(before + 1);
    expect(JSON.parse(decrypt(pushesTo('/sub/ana').at(-1)!.body, sub))).toEqual({ title: 'Confab', body: 'New message', chatId, tag: chatId });
    await ana.trpc.settings.update.mutate({ notifications: { preview: true } });
  });

  it('pushes a missed call as the notification centre phrases it, with no text', async () => {
    const before = pushesTo('/sub/ana').length;
    const { callId } = await ben.trpc.calls.start.mutate({ chatId, video: false });
    await ben.trpc.calls.end.mutate({ callId });
    await expect.poll(() => pushesTo('/sub/ana').length, { timeout: 30_000 }).toBe(before + 1);
    expect(JSON.parse(decrypt(pushesTo('/sub/ana').at(-1)!.body, sub))).toEqual({ title: 'Missed voice call from Ben', body: '', chatId, tag: chatId });
  });

  it('does not push to a device whose session has a live stream', async () => {
    const before = pushesTo('/sub/ana').length;
    const live = collectEvents(ana);
    await live.started;
    await ben.trpc.messages.send.mutate({ chatId, clientId: 'p3', text: 'while you are here' });
    await expect.poll(() => live.events.some((e) => e.event.type === 'message.new')).toBe(true);
    live.stop();
    // Once the stream is closed, the next message is pushed, and it is the only one.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await ben.trpc.messages.send.mutate({ chatId, clientId: 'p4', text: 'now you are away' });
    await expect.poll(() => pushesTo('/sub/ana').length, { timeout: 30_000 }).toBe(before + 1);
    expect(JSON.parse(decrypt(pushesTo('/sub/ana').at(-1)!.body, sub))).toMatchObject({ body: 'now you are away' });
  });

  it('forgets a device the push service answers 410 for, and lists and removes devices', async () => {
    const desktop = await signIn(server, ana.phone, 'Ana’s desktop');
    await desktop.trpc.devices.register.mutate({ kind: 'desktop', name: 'Confab for Linux' });
    const gone = browserSubscription(`${pushUrl}/sub/gone`);
    answers.set('/sub/gone', 410);
    const laptop = await signIn(server, ana.phone, 'Ana’s laptop');
    await laptop.trpc.devices.register.mutate({ kind: 'webpush', name: 'Old browser', endpoint: gone.endpoint, keys: gone.keys });
    expect((await ana.trpc.devices.list.query()).devices.map((d) => [d.kind, d.name])).toEqual([
      ['webpush', 'Chromium on Linux'],
      ['desktop', 'Confab for Linux'],
      ['webpush', 'Old browser'],
    ]);
    await ben.trpc.messages.send.mutate({ chatId, clientId: 'p5', text: 'anyone?' });
    await expect.poll(() => pushesTo('/sub/gone').length, { timeout: 30_000 }).toBe(1);
    await expect.poll(async () => (await ana.trpc.devices.list.query()).devices.map((d) => d.name)).toEqual(['Chromium on Linux', 'Confab for Linux']);

    // Someone else's device cannot be removed; my own can, and then gets nothing.
    const [browser] = (await ana.trpc.devices.list.query()).devices;
    await expect(ben.trpc.devices.remove.mutate({ deviceId: browser!.id })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    await ana.trpc.devices.remove.mutate({ deviceId: browser!.id });
    expect((await ana.trpc.devices.list.query()).devices.map((d) => d.name)).toEqual(['Confab for Linux']);
    await laptop.close();

    // A session that ends takes its devices with it, even if the app never removed its own.
    await desktop.trpc.auth.logout.mutate();
    expect((await ana.trpc.devices.list.query()).devices).toEqual([]);
    await desktop.close();
  });

  it('refuses a malformed subscription at register', async () => {
    const good = browserSubscription(`${pushUrl}/sub/x`).keys;
    const refuse = (input: unknown) => expect(ana.trpc.devices.register.mutate(input as never)).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await refuse({ kind: 'webpush', name: 'x' });
    await refuse({ kind: 'webpush', name: 'x', endpoint: 'not a url', keys: good });
    await refuse({ kind: 'webpush', name: 'x', endpoint: `${pushUrl}/sub/x`, keys: { ...good, p256dh: 'short' } });
    await refuse({ kind: 'webpush', name: 'x', endpoint: `${pushUrl}/sub/x`, keys: { ...good, auth: 'a+b/c=' } });
    await refuse({ kind: 'webpush', name: 'x', endpoint: 'https://169.254.169.254/latest', keys: good });
    await refuse({ kind: 'webpush', name: 'x', endpoint: 'http://push.example.com/x', keys: good });
    await refuse({ kind: 'desktop', name: 'x', endpoint: `${pushUrl}/sub/x` });
  });
});
