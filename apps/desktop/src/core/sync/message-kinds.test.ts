import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngImage } from '@confab/testing/media/images';
import { upload } from '@confab/testing/media/upload';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import { hasFfmpeg, mp4Video, oggVoice } from '@confab/testing/media/media-files';
import { disposeAll, onlineCore, RestartableServer, waitForState, waitUntil, type TestCore } from '../testing/harness.js';
import type { CachedMessage } from '../types.js';

/**
 * Ben sends Ana every kind of message; Ana's desktop cache keeps each with what the screens
 * need to draw it (file facts, card data), and the files she opened stay readable offline.
 */
describe('desktop core: every message kind in the cache', () => {
  const host = new RestartableServer();
  let ana: TestCore, ben: SignedInUser, chatId: string, page: Server, pageUrl: string;
  const sent = new Map<string, { kind: string; mediaId?: string; bytes?: Buffer }>();

  const cached = async (clientId: string): Promise<CachedMessage> => {
    let found: CachedMessage | undefined;
    await waitUntil(async () => (found = (await ana.core.messages.read(chatId, { limit: 100 })).messages.find((m) => m.clientId === clientId)) !== undefined, `${clientId} is cached`);
    return found!;
  };

  async function sendFile(clientId: string, kind: string, bytes: Buffer, options: { contentType?: string; kind?: string; fileName?: string }, text?: string) {
    const uploaded = await upload(host.url, ben.tokens.accessToken, bytes, options);
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    const mediaId = uploaded.body.mediaId as string;
    await ben.trpc.messages.send.mutate({ chatId, clientId, kind, mediaId, ...(text ? { text } : {}) } as never);
    sent.set(clientId, { kind, mediaId, bytes });
    return mediaId;
  }

  beforeAll(async () => {
    page = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end('<html><head><meta property="og:title" content="Trail map"><meta property="og:description" content="Routes near the quarry"></head></html>');
    });
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}/trails`;
    await host.start();
    // The test page is on loopback: previews of private addresses are allowed for this test only.
    await host.stop();
    host.env = { LINK_PREVIEW_ALLOW_PRIVATE: '1', MAP_TILE_URL_TEMPLATE: 'https://tiles.example.test/{z}/{x}/{y}.png' };
    await host.start();
    const online = await onlineCore(host);
    ana = online;
    ben = await signIn(host.server);
    chatId = (await ben.trpc.chats.openDirect.mutate({ userId: online.user.id })).id;
  });

  afterAll(async () => {
    await disposeAll(host, ana, ben);
    await new Promise((resolve) => page?.close(resolve));
  });

  it('image and sticker: with type, size and dimensions', async () => {
    const mediaId = await sendFile('image-1', 'image', await pngImage(640, 480), { contentType: 'image/png', fileName: 'beach.png' }, 'the beach');
    expect(await cached('image-1')).toMatchObject({ kind: 'image', text: 'the beach', mediaId, meta: { media: { mime: 'image/png', width: 640, height: 480, fileName: 'beach.png', hasThumb: true } } });
    const sticker = await sendFile('sticker-1', 'sticker', await pngImage(128, 128, '#ffcc00'), { contentType: 'image/png' });
    expect(await cached('sticker-1')).toMatchObject({ kind: 'sticker', mediaId: sticker, meta: { media: { width: 128, height: 128 } } });
  });

  it.skipIf(!hasFfmpeg)('video, voice note and audio: with their durations', async () => {
    await sendFile('video-1', 'video', mp4Video(), { contentType: 'video/mp4', fileName: 'clip.mp4' });
    expect(await cached('video-1')).toMatchObject({ kind: 'video', meta: { media: { mime: 'video/mp4', width: 160, height: 120, hasThumb: true } } });
    await sendFile('voice-1', 'voice', oggVoice(), { contentType: 'audio/ogg', kind: 'audio' });
    await sendFile('audio-1', 'audio', oggVoice(), { contentType: 'audio/ogg', kind: 'audio', fileName: 'tune.ogg' });
    for (const clientId of ['video-1', 'voice-1', 'audio-1']) {
      const { meta } = await cached(clientId);
      expect((meta!.media as { durationMs: number }).durationMs, clientId).toBeGreaterThan(1000);
    }
  });

  it('document: with its file name, size and type', async () => {
    await sendFile('doc-1', 'document', randomBytes(5000), { kind: 'document', fileName: 'minutes 2026.bin' }, 'the minutes');
    expect(await cached('doc-1')).toMatchObject({ kind: 'document', text: 'the minutes', meta: { media: { fileName: 'minutes 2026.bin', size: 5000 } } });
  });

  it('link, contact card, location and poll: with the data their cards show', async () => {
    await ben.trpc.messages.send.mutate({ chatId, clientId: 'link-1', kind: 'link', text: `Look: ${pageUrl}` });
    expect(await cached('link-1')).toMatchObject({ kind: 'link', meta: { link: { url: pageUrl, preview: { title: 'Trail map', description: 'Routes near the quarry' } } } });

    const contact = { name: 'Eve Example', phones: ['+1 201 555 0100'] };
    await ben.trpc.messages.send.mutate({ chatId, clientId: 'contact-1', kind: 'contact', contact });
    expect(await cached('contact-1')).toMatchObject({ kind: 'contact', meta: { contact } });

    await ben.trpc.messages.send.mutate({ chatId, clientId: 'location-1', kind: 'location', location: { lat: 51.5007, lng: -0.1246, name: 'Big Ben' } });
    expect(await cached('location-1')).toMatchObject({ kind: 'location', meta: { location: { lat: 51.5007, lng: -0.1246, name: 'Big Ben', mapTileUrl: expect.stringMatching(/^https:\/\/tiles\.example\.test\//) } } });

    await ben.trpc.polls.create.mutate({ chatId, clientId: 'poll-1', question: 'Lunch?', options: ['Pizza', 'Soup'] });
    expect(await cached('poll-1')).toMatchObject({ kind: 'poll', meta: { question: 'Lunch?', options: [{ text: 'Pizza' }, { text: 'Soup' }] } });
  });

  it('keeps the files and pictures Ana opened readable with the server gone, and finds the messages in search', async () => {
    // Ben's profile photo: a picture no message carries.
    const photo = await pngImage(96, 96, '#3355aa');
    const photoId = (await upload(host.url, ben.tokens.accessToken, photo, { contentType: 'image/png' })).body.mediaId as string;
    await ben.trpc.me.setAvatar.mutate({ mediaId: photoId });
    sent.set('profile-photo', { kind: 'picture', mediaId: photoId, bytes: photo });
    // Something Ana may not see is refused and leaves nothing behind.
    const secret = (await upload(host.url, ben.tokens.accessToken, randomBytes(64), { kind: 'document' })).body.mediaId as string;
    await expect(ana.core.media.download(secret)).rejects.toThrow(/404/);
    expect(await ana.core.media.info(secret)).toBeNull();

    const opened = ['image-1', 'doc-1', 'profile-photo', ...(hasFfmpeg ? ['voice-1'] : [])];
    // The bubble and the chat list may ask for one file at the same moment: both get it.
    const together = await Promise.all([1, 2, 3].map(() => ana.core.media.download(sent.get('image-1')!.mediaId!)));
    for (const info of together) expect(readFileSync(info.localPath!).equals(sent.get('image-1')!.bytes!)).toBe(true);
    for (const clientId of opened) await ana.core.media.download(sent.get(clientId)!.mediaId!);
    // Previews as the bubbles show them: the photo's small copy and, where ffmpeg made one, the video's poster.
    const previewed = ['image-1', ...(hasFfmpeg ? ['video-1'] : [])];
    for (const clientId of previewed) await ana.core.media.download(sent.get(clientId)!.mediaId!, 'thumb');
    await host.stop();
    await waitForState(ana.core, 'offline');
    for (const clientId of opened) {
      const { mediaId, bytes } = sent.get(clientId)!;
      const info = await ana.core.media.info(mediaId!);
      expect(readFileSync(info!.localPath!).equals(bytes!), clientId).toBe(true);
    }
    for (const clientId of previewed) {
      const preview = ana.core.media.info(sent.get(clientId)!.mediaId!, 'thumb');
      expect(preview?.mime, clientId).toMatch(/^image\//);
      expect(readFileSync(preview!.localPath!).length, clientId).toBeGreaterThan(0);
    }
    expect((await ana.core.search.search('minutes')).hits.map((h) => h.message.clientId)).toEqual(['doc-1']);
    expect((await ana.core.messages.read(chatId, { limit: 100 })).messages.map((m) => m.kind)).toEqual(
      expect.arrayContaining(['image', 'sticker', 'document', 'link', 'contact', 'location', 'poll']),
    );
  });
});
