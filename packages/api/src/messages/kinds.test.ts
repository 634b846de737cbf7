import { serverForSuite } from '@confab/testing/suite';
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { pngImage } from '@confab/testing/media/images';
import { upload } from '@confab/testing/media/upload';
import { collectEvents, messagesOf, type EventCollector } from '@confab/testing/event-collector';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { hasFfmpeg, mp4Video, oggVoice } from '@confab/testing/media/media-files';

describe('every message kind', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, eve: SignedInUser, chatId: string, benEvents: EventCollector;

  const get = (user: SignedInUser, path: string) => fetch(new URL(path, server.url), { headers: { authorization: `Bearer ${user.tokens.accessToken}` } });
  const uploadAs = async (user: SignedInUser, bytes: Uint8Array, options: { contentType?: string; kind?: string; fileName?: string }) => {
    const res = await upload(server.url, user.tokens.accessToken, bytes, options);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.mediaId as string;
  };
  /** The message as Ben's device received it live. */
  const receivedByBen = async (clientId: string) => {
    await expect.poll(() => messagesOf(benEvents).some((m) => m.clientId === clientId)).toBe(true);
    return messagesOf(benEvents).find((m) => m.clientId === clientId)!;
  };

  serverForSuite(async (s) => {
    server = s;
    [ana, ben, eve] = await Promise.all([signIn(server), signIn(server), signIn(server)]);
    chatId = (await ana.trpc.chats.openDirect.mutate({ userId: ben.user.id })).id;
    benEvents = collectEvents(ben);
    await benEvents.started;
    return [benEvents, ana, ben, eve];
  }, { env: { MAP_TILE_URL_TEMPLATE: 'https://tiles.example.test/{z}/{x}/{y}.png' } });

  it('text: arrives live', async () => {
    await ana.trpc.messages.send.mutate({ chatId, clientId: 'text-1', kind: 'text', text: 'hello Ben' });
    expect(await receivedByBen('text-1')).toMatchObject({ kind: 'text', text: 'hello Ben', media: null, forwarded: false });
  });

  it('image: arrives with type, size and dimensions and has a thumbnail; only chat members can download it', async () => {
    const png = await pngImage(640, 480);
    const mediaId = await uploadAs(ana, png, { contentType: 'image/png', fileName: 'beach.png' });
    await ana.trpc.messages.send.mutate({ chatId, clientId: 'image-1', kind: 'image', mediaId, text: 'the beach' });

    const message = await receivedByBen('image-1');
    expect(message).toMatchObject({ kind: 'image', text: 'the beach', mediaId });
    expect(message.media).toEqual({ mediaId, mime: 'image/png', size: png.length, fileName: 'beach.png', width: 640, height: 480, durationMs: null, hasThumb: true });

    const original = await get(ben, `/media/${mediaId}`);
    expect(original.status).toBe(200);
    expect(Buffer.from(await original.arrayBuffer()).equals(png)).toBe(true);
    const thumb = await get(ben, `/media/${mediaId}/thumb`);
    expect(thumb.status).toBe(200);
    expect((await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).width).toBe(320);

    expect((await get(eve, `/media/${mediaId}`)).status).toBe(404);
    expect((await get(eve, `/media/${mediaId}/thumb`)).status).toBe(404);
  });

  it.skipIf(!hasFfmpeg)('video: arrives with its duration and size, and a poster frame as its thumbnail', async () => {
    const mediaId = await uploadAs(ana, mp4Video(), { contentType: 'video/mp4', fileName: 'clip.mp4' });
    await ana.trpc.messages.send.mutate({ chatId, clientId: 'video-1', kind: 'video', mediaId });

    const { media } = await receivedByBen('video-1');
    expect(media).toMatchObject({ mediaId, mime: 'video/mp4', width: 160, height: 120, hasThumb: true, fileName: 'clip.mp4' });
    expect(media!.durationMs).toBeGreaterThanOrEqual(1900);
    expect(media!.durationMs).toBeLessThanOrEqual(2100);

    const poster = await get(ben, `/media/${mediaId}/thumb`);
    expect(poster.status).toBe(200);
    const meta = await sharp(Buffer.from(await poster.arrayBuffer())).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.width).toBe(160);
    expect((await get(ben, `/media/${mediaId}`)).status).toBe(200);
    expect((await get(eve, `/media/${mediaId}`)).status).toBe(404);
  });

  it.skipIf(!hasFfmpeg)('voice note and audio: arrive with their duration', async () => {
    const mediaId = await uploadAs(ana, oggVoice(), { contentType: 'audio/ogg', kind: 'audio' });
    await ana.trpc.messages.send.mutate({ chatId, clientId: 'voice-1', kind: 'voice', mediaId });
    await ana.trpc.messages.send.mutate({ chatId, clientId: 'audio-1', kind: 'audio', mediaId });

    for (const clientId of ['voice-1', 'audio-1']) {
      const { kind, media } = await receivedByBen(clientId);
      expect(kind).toBe(clientId.split('-')[0]);
      expect(media).toMatchObject({ mediaId, mime: expect.stringMatching(/^audio\/ogg/), hasThumb: false });
      expect(media!.durationMs).toBeGreaterThanOrEqual(1400);
      expect(media!.durationMs).toBeLessThanOrEqual(1600);
    }
    expect((await get(ben, `/media/${mediaId}`)).status).toBe(200);
    expect((await get(eve, `/media/${mediaId}`)).status).toBe(404);
  });

  it('document: arrives with its file name, size and type, downloadable by chat members only', async () => {
    const bytes = randomBytes(5000);
    const mediaId = await uploadAs(ana, bytes, { kind: 'document', fileName: 'minutes 2026.bin' });
    await ana.trpc.messages.send.mutate({ chatId, clientId: 'doc-1', kind: 'document', mediaId, text: 'the minutes' });

    const message = await receivedByBen('doc-1');
    expect(message.media).toMatchObject({ mediaId, fileName: 'minutes 2026.bin', size: 5000, mime: 'application/octet-stream', hasThumb: false });
    const download = await get(ben, `/media/${mediaId}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain("filename*=UTF-8''minutes%202026.bin");
    expect((await get(eve, `/media/${mediaId}`)).status).toBe(404);
  });

  it('sticker: an image the sender uploaded', async () => {
    const mediaId = await uploadAs(ana, await pngImage(128, 128, '#ffcc00'), { contentType: 'image/png' });
    await ana.trpc.messages.send.mutate({ chatId, clientId: 'sticker-1', kind: 'sticker', mediaId });
    expect(await receivedByBen('sticker-1')).toMatchObject({ kind: 'sticker', text: null, media: { mediaId, width: 128, height: 128, hasThumb: true } });
  });

  it('contact card: name, numbers and, when known, the Confab account', async () => {
    const contact = { name: 'Eve Example', phones: ['+1 201 555 0100', '+44 20 7946 0000'], userId: eve.user.id };
    await ana.trpc.messages.send.mutate({ chatId, clientId: 'contact-1', kind: 'contact', contact });
    const message = await receivedByBen('contact-1');
    expect(message).toMatchObject({ kind: 'contact', text: null, media: null });
    expect(message.meta).toEqual({ contact });
    await expect(ana.trpc.messages.send.mutate({ chatId, clientId: 'contact-2', kind: 'contact', contact: { ...contact, userId: 'no-such-user' } })).rejects.toMatchObject({
      data: { code: 'NOT_FOUND' },
    });
  });

  it('location: lat/lng with the static map tile from the configured template', async () => {
    const location = { lat: 51.5007, lng: -0.1246, name: 'Big Ben', address: 'Westminster, London' };
    await ana.trpc.messages.send.mutate({ chatId, clientId: 'location-1', kind: 'location', location });
    const { meta } = await receivedByBen('location-1');
    // OpenStreetMap's tile for Westminster at zoom 15.
    expect(meta).toEqual({ location: { ...location, zoom: 15, tileX: 16372, tileY: 10897, mapTileUrl: 'https://tiles.example.test/15/16372/10897.png' } });
  });

  it("refuses someone else's upload, media of the wrong kind and fields a kind does not have", async () => {
    const bensImage = await uploadAs(ben, await pngImage(20, 20), { contentType: 'image/png' });
    const anasDoc = await uploadAs(ana, randomBytes(100), { kind: 'document' });
    const send = (input: Record<string, unknown>) => ana.trpc.messages.send.mutate({ chatId, clientId: randomBytes(6).toString('hex'), ...input } as never);

    await expect(send({ kind: 'image', mediaId: bensImage })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    await expect(send({ kind: 'image', mediaId: anasDoc })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await expect(send({ kind: 'voice', mediaId: anasDoc })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await expect(send({ kind: 'image' })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await expect(send({ kind: 'text', text: 'hi', mediaId: anasDoc })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await expect(send({ kind: 'location', location: { lat: 91, lng: 0 } })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await expect(send({ kind: 'poll', text: 'lunch?' })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await expect(send({ kind: 'text', text: 'hi', senderId: eve.user.id })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    // A document may carry any file, an image included.
    await expect(send({ kind: 'document', mediaId: bensImage })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
  });

  it('lists every kind in history with the same metadata', async () => {
    const { messages } = await ben.trpc.messages.history.query({ chatId, limit: 50 });
    const live = messagesOf(benEvents);
    for (const message of messages) expect(message).toEqual(live.find((m) => m.id === message.id));
  });
});
