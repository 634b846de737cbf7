import { randomBytes } from 'node:crypto';
import { pngImage } from '@confab/testing/media/images';
import { upload } from '@confab/testing/media/upload';
import type { SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { twoPeopleForSuite } from '@confab/testing/two-people';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { expectCode } from '../groups/testing/group-fixture.js';

async function uploadImage(server: TestServer, user: SignedInUser, bytes: Buffer, contentType: string): Promise<string> {
  const result = await upload(server.url, user.tokens.accessToken, new Uint8Array(bytes), { contentType, kind: 'image' });
  expect(result.status).toBe(201);
  return result.body.mediaId as string;
}

/** An animated GIF of `frames` frames; noise makes every frame expensive to encode. */
async function animatedGif(frames: number, side: number, noise = false): Promise<Buffer> {
  const each = await Promise.all(
    Array.from({ length: frames }, (_, i) =>
      noise
        ? sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } }).png().toBuffer()
        : sharp({ create: { width: side, height: side, channels: 4, background: ['#ff3366', '#33ff66', '#3366ff'][i % 3]! } }).png().toBuffer(),
    ),
  );
  return sharp(each, { join: { animated: true } }).gif().toBuffer();
}

async function download(server: TestServer, user: SignedInUser, mediaId: string) {
  const res = await fetch(`${server.url}/media/${mediaId}`, { headers: { authorization: `Bearer ${user.tokens.accessToken}` } });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('custom emoticons', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, chatId: string;
  twoPeopleForSuite((t) => ({ server, ana, ben, chatId } = t));

  it('re-encodes an image into a small WebP that the other person can fetch, and :party: in a message carries it', async () => {
    const mediaId = await uploadImage(server, ana, await pngImage(600, 400, '#ffaa00'), 'image/png');
    const party = await ana.trpc.emoticons.create.mutate({ shortcut: ':Party:', mediaId });
    expect(party).toMatchObject({ shortcut: 'party', animated: false });
    expect(party.mediaId).not.toBe(mediaId);
    expect(await ana.trpc.emoticons.list.query()).toEqual([party]);

    const image = await download(server, ben, party.mediaId);
    expect(image.status).toBe(200);
    const meta = await sharp(image.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 128, 85]);

    const sent = await ana.trpc.messages.send.mutate({ chatId, clientId: 'p1', text: 'We did it :party: :unknown:' });
    expect(sent.meta).toEqual({ emoticons: { party: { emoticonId: party.id, mediaId: party.mediaId, animated: false } } });
    const { messages } = await ben.trpc.messages.history.query({ chatId, limit: 5 });
    expect(messages.find((m) => m.id === sent.id)?.meta).toMatchObject({ emoticons: { party: { mediaId: party.mediaId } } });
  });

  it('keeps an animation animated, and refuses one too big once resized', async () => {
    const wave = await ana.trpc.emoticons.create.mutate({ shortcut: 'wave', mediaId: await uploadImage(server, ana, await animatedGif(3, 300), 'image/gif') });
    expect(wave.animated).toBe(true);
    const meta = await sharp((await download(server, ben, wave.mediaId)).bytes, { animated: true }).metadata();
    expect([meta.format, meta.pages, meta.width]).toEqual(['webp', 3, 128]);

    const heavy = await uploadImage(server, ana, await animatedGif(60, 128, true), 'image/gif');
    await expect(ana.trpc.emoticons.create.mutate({ shortcut: 'static-noise', mediaId: heavy })).rejects.toThrow(/Animated emoticons are limited to 512 KB/);
  });

  it('refuses bad shortcuts with a clear message, a taken one, and someone else\'s upload', async () => {
    const mediaId = await uploadImage(server, ana, await pngImage(40, 40), 'image/png');
    const refusals: [string, RegExp][] = [
      ['', /Give the emoticon a shortcut/],
      ['::', /Give the emoticon a shortcut/],
      ['x'.repeat(40), /at most 32 characters/],
      ['par\u0007ty', /cannot contain control characters/],
      ['two words', /letters, digits, _, \+ and - only/],
    ];
    for (const [shortcut, message] of refusals) await expect(ana.trpc.emoticons.create.mutate({ shortcut, mediaId }), JSON.stringify(shortcut)).rejects.toThrow(message);
    await expectCode(ana.trpc.emoticons.create.mutate({ shortcut: 'party', mediaId }), 'CONFLICT');
    await expectCode(ben.trpc.emoticons.create.mutate({ shortcut: 'mine', mediaId }), 'NOT_FOUND');
    const document = await upload(server.url, ana.tokens.accessToken, new TextEncoder().encode('hello'), { contentType: 'text/plain', kind: 'document' });
    await expectCode(ana.trpc.emoticons.create.mutate({ shortcut: 'doc', mediaId: document.body.mediaId as string }), 'BAD_REQUEST');
  });

  it('deleting one leaves old messages with their :shortcut: text, and its image is no longer served', async () => {
    const [party] = (await ana.trpc.emoticons.list.query()).filter((e) => e.shortcut === 'party');
    await expectCode(ben.trpc.emoticons.delete.mutate({ emoticonId: party!.id }), 'NOT_FOUND');
    await ana.trpc.emoticons.delete.mutate({ emoticonId: party!.id });
    expect((await ana.trpc.emoticons.list.query()).map((e) => e.shortcut)).toEqual(['wave']);
    expect((await download(server, ben, party!.mediaId)).status).toBe(404);

    const { messages } = await ben.trpc.messages.history.query({ chatId, limit: 5 });
    expect(messages.find((m) => m.clientId === 'p1')?.text).toBe('We did it :party: :unknown:');
    const after = await ana.trpc.messages.send.mutate({ chatId, clientId: 'p2', text: 'again :party:' });
    expect(after.meta).toBeNull();
  });
});
