import { serverForSuite } from '@confab/testing/suite';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pngImage } from '@confab/testing/media/images';
import { upload } from '@confab/testing/media/upload';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { collectOrphanedMedia, DETACHED_GRACE_MS } from './collect-orphaned-media.js';

describe.each(['file', 's3'] as const)('files of messages that no longer exist leave the server (%s store)', (store) => {
  let server: TestServer;
  const people: SignedInUser[] = [];
  serverForSuite(async (s) => {
    server = s;
    return people;
  }, { env: { DISAPPEARING_ALLOW_ANY: '1' }, mediaStore: store });

  /** Fresh people each test: the clock moves on by minutes, and access tokens last 15. */
  async function person(): Promise<SignedInUser> {
    const someone = await signIn(server);
    people.push(someone);
    return someone;
  }
  async function chatBetween(a: SignedInUser, b: SignedInUser): Promise<string> {
    return (await a.trpc.chats.openDirect.mutate({ userId: b.user.id })).id;
  }

  let colors = 0;
  /** An image no other upload shares bytes (or a preview) with; the digests of its bytes and preview in the store. */
  async function uploadPhoto(owner: SignedInUser) {
    colors += 1;
    const bytes = await pngImage(40, 30, `#${(colors * 0x2f1b7).toString(16).padStart(6, '0').slice(-6)}`);
    const { status, body } = await upload(server.url, owner.tokens.accessToken, bytes, { contentType: 'image/png' });
    expect(status).toBe(201);
    const mediaId = body.mediaId as string;
    const row = await server.deps.db.selectFrom('media').select('thumbSha256').where('id', '=', mediaId).executeTakeFirstOrThrow();
    const files = [createHash('sha256').update(bytes).digest('hex'), row.thumbSha256!];
    return { mediaId, files };
  }
  async function download(user: SignedInUser, mediaId: string, variant = ''): Promise<number> {
    const res = await fetch(new URL(`/media/${mediaId}${variant}`, server.url), { headers: { authorization: `Bearer ${user.tokens.accessToken}` } });
    await res.arrayBuffer();
    return res.status;
  }
  /** Whether the store (files, or the S3 bucket) still holds each blob. */
  const onDisk = (shas: string[]) => Promise.all(shas.map((sha) => server.deps.media.exists(sha)));
  /** Past the grace a file waits after its message went away, then the collector's run. */
  async function collectLater(): Promise<void> {
    server.clock.advance(DETACHED_GRACE_MS + 1_000);
    await server.jobs.collectOrphanedMedia();
  }

  it('a photo whose disappearing message expired: gone for its uploader too, bytes and preview deleted', async () => {
    const [ana, ben] = await Promise.all([person(), person()]);
    const chatId = await chatBetween(ana, ben);
    await ana.trpc.chats.setDisappearing.mutate({ chatId, seconds: 60 });
    const photo = await uploadPhoto(ana);
    await ana.trpc.messages.send.mutate({ chatId, clientId: 'expiring', kind: 'image', mediaId: photo.mediaId });
    expect(await onDisk(photo.files)).toEqual([true, true]);

    server.clock.advance(61_000);
    await server.jobs.sweepDisappearing();
    // The message is gone; its file waits out the grace (the uploader can still fetch it).
    expect(await download(ana, photo.mediaId)).toBe(200);

    await collectLater();
    expect(await download(ana, photo.mediaId)).toBe(404);
    expect(await download(ana, photo.mediaId, '/thumb')).toBe(404);
    expect(await download(ben, photo.mediaId)).toBe(404);
    expect(await onDisk(photo.files)).toEqual([false, false]);
    expect(server.logLines.join('\n')).toMatch(/"event":"media.collected"/);
  });

  it('a photo deleted for everyone: gone from the server, even with two collectors running at once', async () => {
    const [ana, ben] = await Promise.all([person(), person()]);
    const chatId = await chatBetween(ana, ben);
    const photo = await uploadPhoto(ana);
    const sent = await ana.trpc.messages.send.mutate({ chatId, clientId: 'regret', kind: 'image', mediaId: photo.mediaId });
    expect(await download(ben, photo.mediaId)).toBe(200);

    await ana.trpc.messages.delete.mutate({ messageId: sent.id, forEveryone: true });
    server.clock.advance(DETACHED_GRACE_MS + 1_000);
    // Two server processes sweeping the same database at the same moment.
    await Promise.all([server.jobs.collectOrphanedMedia(), collectOrphanedMedia(server.deps)]);

    expect(await download(ana, photo.mediaId)).toBe(404);
    expect(await onDisk(photo.files)).toEqual([false, false]);
    expect(server.logLines.join('\n')).not.toMatch(/background job failed|could not remove a collected media file/);
  });

  it('a forwarded copy keeps the file while it exists; deleting the forward too frees it', async () => {
    const [ana, ben, cleo] = await Promise.all([person(), person(), person()]);
    const [anaAndBen, benAndCleo] = await Promise.all([chatBetween(ana, ben), chatBetween(ben, cleo)]);
    const photo = await uploadPhoto(ana);
    const original = await ana.trpc.messages.send.mutate({ chatId: anaAndBen, clientId: 'original', kind: 'image', mediaId: photo.mediaId });
    const [forward] = (await ben.trpc.messages.forward.mutate({ messageId: original.id, chatIds: [benAndCleo] })).messages;

    await ana.trpc.messages.delete.mutate({ messageId: original.id, forEveryone: true });
    await collectLater();
    expect(await download(cleo, photo.mediaId)).toBe(200);
    expect(await download(cleo, photo.mediaId, '/thumb')).toBe(200);
    expect(await download(ana, photo.mediaId)).toBe(200);
    expect(await onDisk(photo.files)).toEqual([true, true]);

    await ben.trpc.messages.delete.mutate({ messageId: forward!.id, forEveryone: true });
    await collectLater();
    expect(await download(cleo, photo.mediaId)).toBe(404);
    expect(await download(ana, photo.mediaId)).toBe(404);
    expect(await onDisk(photo.files)).toEqual([false, false]);
  });

  it('keeps a sent-then-deleted photo that is also a profile photo, group image or wallpaper, and uploads not sent yet', async () => {
    const [ana, ben] = await Promise.all([person(), person()]);
    const chatId = await chatBetween(ana, ben);
    const group = await ana.trpc.groups.create.mutate({ name: 'Climbing', memberIds: [ben.user.id] });
    const [avatar, groupImage, wallpaper, unsent, control] = await Promise.all([uploadPhoto(ana), uploadPhoto(ana), uploadPhoto(ana), uploadPhoto(ana), uploadPhoto(ana)]);

    await ana.trpc.me.setAvatar.mutate({ mediaId: avatar.mediaId });
    await ana.trpc.groups.setImage.mutate({ chatId: group.chat.id, mediaId: groupImage.mediaId });
    await ana.trpc.chats.setBackground.mutate({ chatId, mediaId: wallpaper.mediaId });
    // Each was also sent in a message that was then deleted for everyone (as was the control).
    for (const [n, photo] of [avatar, groupImage, wallpaper, control].entries()) {
      const sent = await ana.trpc.messages.send.mutate({ chatId, clientId: `shared-${n}`, kind: 'image', mediaId: photo.mediaId });
      await ana.trpc.messages.delete.mutate({ messageId: sent.id, forEveryone: true });
    }

    await collectLater();
    expect(await download(ana, control.mediaId)).toBe(404);
    expect(await onDisk(control.files)).toEqual([false, false]);

    expect(await download(ben, avatar.mediaId)).toBe(200);
    expect(await download(ben, groupImage.mediaId)).toBe(200);
    for (const kept of [avatar, groupImage, wallpaper, unsent]) {
      expect(await download(ana, kept.mediaId)).toBe(200);
      expect(await onDisk(kept.files)).toEqual([true, true]);
    }
    // The unsent upload can still be sent, long after it was uploaded.
    await collectLater();
    const late = await ana.trpc.messages.send.mutate({ chatId, clientId: 'late', kind: 'image', mediaId: unsent.mediaId });
    expect(late.media).toMatchObject({ mediaId: unsent.mediaId });
    expect(await download(ben, unsent.mediaId)).toBe(200);
  });
});
