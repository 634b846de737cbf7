import { serverForSuite } from '@confab/testing/suite';
import { describe, expect, it } from 'vitest';
import { pngImage } from '@confab/testing/media/images';
import { upload } from '@confab/testing/media/upload';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';

async function profileEvents(user: SignedInUser) {
  const page = await user.trpc.sync.changes.query({ since: '0' });
  return page.events.map((e) => e.event).filter((e) => e.type === 'user.updated');
}

describe('profiles, QR codes and contacts', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, cleo: SignedInUser;
  serverForSuite(async (s) => {
    server = s;
    [ana, ben, cleo] = await Promise.all([signIn(server), signIn(server), signIn(server)]);
    await ana.trpc.chats.openDirect.mutate({ userId: ben.user.id });
    return [ana, ben, cleo];
  });

  it('lets a new user set a name, about and photo, and tells the people who show them', async () => {
    const fresh = await ana.trpc.me.get.query();
    expect(fresh).toMatchObject({ id: ana.user.id, phone: ana.phone, name: '', about: '', avatarMediaId: null, deleted: false });

    const updated = await ana.trpc.me.update.mutate({ name: '  Ana Lima  ', about: 'Out sailing ⛵' });
    expect(updated).toMatchObject({ name: 'Ana Lima', about: 'Out sailing ⛵' });

    const png = await pngImage(600, 600, '#ff8800');
    const uploaded = await upload(server.url, ana.tokens.accessToken, png, { contentType: 'image/png', fileName: 'me.png' });
    expect(uploaded.status).toBe(201);
    const withPhoto = await ana.trpc.me.setAvatar.mutate({ mediaId: uploaded.body.mediaId });
    expect(withPhoto.avatarMediaId).toBe(uploaded.body.mediaId);
    expect(await ana.trpc.me.get.query()).toMatchObject({ name: 'Ana Lima', about: 'Out sailing ⛵', avatarMediaId: uploaded.body.mediaId });

    // Ben shares a chat with Ana: his devices hear about both changes; Cleo has no tie and hears nothing.
    const benSees = await profileEvents(ben);
    expect(benSees.at(-1)).toEqual({ type: 'user.updated', user: { id: ana.user.id, name: 'Ana Lima', about: 'Out sailing ⛵', avatarMediaId: uploaded.body.mediaId } });
    expect(benSees.map((e) => (e as { user: { name: string } }).user.name)).toEqual(['Ana Lima', 'Ana Lima']);
    expect((await profileEvents(ana)).length).toBe(2);
    expect(await profileEvents(cleo)).toEqual([]);
    expect((await ben.trpc.chats.list.query({})).chats.map((c) => c.title)).toEqual(['Ana Lima']);

    // A profile photo is visible to anyone signed in, thumbnail included; removing it ends that.
    const avatarUrl = new URL(`/media/${uploaded.body.mediaId}/thumb`, server.url);
    const asCleo = { headers: { authorization: `Bearer ${cleo.tokens.accessToken}` } };
    expect((await fetch(avatarUrl, asCleo)).status).toBe(200);
    expect((await ana.trpc.me.removeAvatar.mutate()).avatarMediaId).toBeNull();
    expect((await fetch(avatarUrl, asCleo)).status).toBe(404);
    expect((await profileEvents(ben)).at(-1)).toMatchObject({ user: { avatarMediaId: null } });
  });

  it('accepts as a photo only an image the caller uploaded', async () => {
    const bensImage = await upload(server.url, ben.tokens.accessToken, await pngImage(40, 40), { contentType: 'image/png' });
    await expect(ana.trpc.me.setAvatar.mutate({ mediaId: bensImage.body.mediaId })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    const document = await upload(server.url, ana.tokens.accessToken, Buffer.from('%PDF-1.4 not really'), { kind: 'document' });
    await expect(ana.trpc.me.setAvatar.mutate({ mediaId: document.body.mediaId })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
  });

  it('refuses bad profile input with BAD_REQUEST and keeps serving', async () => {
    await expect(ana.trpc.me.update.mutate({ name: 'x'.repeat(100 * 1024) })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await expect(ana.trpc.me.update.mutate({ name: '   ' })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await expect(ana.trpc.me.update.mutate({ name: 'x'.repeat(65) })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await expect(ana.trpc.me.update.mutate({ about: 'a'.repeat(141) })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await expect(ana.trpc.me.update.mutate({ name: 'Ana\u202Eevil' })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await expect(ana.trpc.me.update.mutate({ name: 'Ana', role: 'moderator' } as never)).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    // Length is counted in characters as people see them: 64 astronauts (4 code points each) fit.
    expect((await ana.trpc.me.update.mutate({ name: '👩🏽‍🚀'.repeat(64) })).name).toBe('👩🏽‍🚀'.repeat(64));
    await expect(ana.trpc.me.update.mutate({ name: '👩🏽‍🚀'.repeat(65) })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await ana.trpc.me.update.mutate({ name: 'Ana Lima' });

    const notJson = await fetch(new URL('/trpc/me.update', server.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${ana.tokens.accessToken}`, 'content-type': 'application/json' },
      body: '{"name": "unterminated',
    });
    expect(notJson.status).toBe(400);
    expect((await ana.trpc.me.get.query()).name).toBe('Ana Lima');

    await expect(ana.trpc.users.get.query({ userId: '00000000-0000-0000-0000-000000000000' })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
  });

  it('adds the owner of a scanned QR code to contacts; rotating the code retires the old one', async () => {
    const code = await ana.trpc.me.qrCode.query();
    expect(code.svg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(code.url.endsWith(`/qr/${code.token}`)).toBe(true);
    expect((await ana.trpc.me.qrCode.query()).token).toBe(code.token);

    const found = await cleo.trpc.users.byQr.mutate({ token: code.token });
    expect(found).toMatchObject({ id: ana.user.id, name: 'Ana Lima' });
    const contacts = await cleo.trpc.contacts.list.query();
    expect(contacts.map((c) => c.user.id)).toEqual([ana.user.id]);
    expect(contacts[0]).toMatchObject({ displayName: 'Ana Lima', alias: null });
    // Scanning the whole link works too.
    expect((await ben.trpc.users.byQr.mutate({ token: code.url })).id).toBe(ana.user.id);
    await expect(ana.trpc.users.byQr.mutate({ token: code.token })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });

    const rotated = await ana.trpc.me.rotateQr.mutate();
    expect(rotated.token).not.toBe(code.token);
    expect(rotated.svg).toMatch(/^<svg/);
    await expect(cleo.trpc.users.byQr.mutate({ token: code.token })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    expect((await cleo.trpc.users.byQr.mutate({ token: rotated.token })).id).toBe(ana.user.id);
  });

  it('keeps a contact list with aliases, sorted by the name shown', async () => {
    await ben.trpc.me.update.mutate({ name: 'Ben Ortiz' });
    await cleo.trpc.contacts.add.mutate({ userId: ben.user.id });
    expect((await cleo.trpc.contacts.list.query()).map((c) => c.displayName)).toEqual(['Ana Lima', 'Ben Ortiz']);

    const renamed = await cleo.trpc.contacts.add.mutate({ userId: ana.user.id, alias: 'Zia (sailing club)' });
    expect(renamed).toMatchObject({ alias: 'Zia (sailing club)', displayName: 'Zia (sailing club)' });
    expect((await cleo.trpc.contacts.list.query()).map((c) => c.displayName)).toEqual(['Ben Ortiz', 'Zia (sailing club)']);
    // Re-adding without an alias keeps it; null clears it.
    expect((await cleo.trpc.contacts.add.mutate({ userId: ana.user.id })).alias).toBe('Zia (sailing club)');
    expect((await cleo.trpc.contacts.add.mutate({ userId: ana.user.id, alias: null })).alias).toBeNull();

    // A contact sees the phone number; a stranger does not.
    expect((await cleo.trpc.users.get.query({ userId: ana.user.id })).phone).toBe(ana.phone);
    const dan = await signIn(server);
    expect(await dan.trpc.users.get.query({ userId: ana.user.id })).toMatchObject({ name: 'Ana Lima', phone: null });
    await dan.close();

    expect(await cleo.trpc.contacts.remove.mutate({ userId: ben.user.id })).toEqual({ removed: true });
    expect(await cleo.trpc.contacts.remove.mutate({ userId: ben.user.id })).toEqual({ removed: false });
    expect((await cleo.trpc.contacts.list.query()).map((c) => c.user.id)).toEqual([ana.user.id]);
    await expect(cleo.trpc.contacts.add.mutate({ userId: cleo.user.id })).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await expect(cleo.trpc.contacts.add.mutate({ userId: 'nobody' })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
  });
});
