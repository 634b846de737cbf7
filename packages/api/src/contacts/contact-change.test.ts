import { describe, expect, it } from 'vitest';
import { pngImage } from '@confab/testing/media/images';
import { upload } from '@confab/testing/media/upload';
import { collectEvents, type EventCollector } from '@confab/testing/event-collector';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { serverForSuite } from '@confab/testing/suite';

/**
 * Ana shows her photo, about and last seen to "my contacts" only. Ben, in a chat with her,
 * sees them appear the moment she adds him and go the moment she removes him — without
 * asking again, as when she changes the setting itself.
 */
describe('adding or removing a contact changes what they see of me, live', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, cy: SignedInUser, photoId: string;
  let benEvents: EventCollector, cyEvents: EventCollector, anaOnline: EventCollector;
  const ofAna = (c: EventCollector, type: 'presence' | 'user.updated') =>
    c.events.map((e) => e.event as { type: string; userId?: string; user?: { id: string } }).filter((e) => e.type === type && (e.userId ?? e.user?.id) === ana.user.id);

  serverForSuite(async (s) => {
    server = s;
    [ana, ben, cy] = await Promise.all([signIn(server), signIn(server), signIn(server)]);
    await ana.trpc.me.update.mutate({ name: 'Ana', about: 'Sailing all summer' });
    photoId = (await upload(server.url, ana.tokens.accessToken, await pngImage(64, 64, '#0088ff'), { contentType: 'image/png' })).body.mediaId as string;
    await ana.trpc.me.setAvatar.mutate({ mediaId: photoId });
    await ana.trpc.settings.update.mutate({ privacy: { profilePhoto: 'contacts', about: 'contacts', lastSeen: 'contacts' } });
    await ana.trpc.chats.openDirect.mutate({ userId: ben.user.id });
    await ana.trpc.chats.openDirect.mutate({ userId: cy.user.id });
    [benEvents, cyEvents] = [collectEvents(ben), collectEvents(cy)];
    await Promise.all([benEvents.started, cyEvents.started]);
    anaOnline = collectEvents(ana);
    await anaOnline.started;
    return [benEvents, cyEvents, anaOnline, ana, ben, cy];
  });

  it('adding Ben shows him her photo, about and that she is online; removing him takes them away', async () => {
    expect(await ben.trpc.users.get.query({ userId: ana.user.id })).toMatchObject({ avatarMediaId: null, about: '' });
    expect(await ben.trpc.users.presence.query({ userId: ana.user.id })).toMatchObject({ hidden: true });

    await ana.trpc.contacts.add.mutate({ userId: ben.user.id });
    await expect.poll(() => ofAna(benEvents, 'user.updated').at(-1)).toMatchObject({ user: { avatarMediaId: photoId, about: 'Sailing all summer' } });
    await expect.poll(() => ofAna(benEvents, 'presence').at(-1)).toEqual({ type: 'presence', userId: ana.user.id, online: true, lastSeenAt: null, hidden: false });

    // Renaming him changes nothing he sees, so he is told nothing more.
    const told = benEvents.events.length;
    await ana.trpc.contacts.add.mutate({ userId: ben.user.id, alias: 'Benny' });
    await ana.trpc.contacts.add.mutate({ userId: ben.user.id, alias: 'Ben B.' });
    await expect.poll(() => ofAna(benEvents, 'user.updated').length).toBe(1);
    expect(benEvents.events.slice(told).filter((e) => e.event.type === 'presence')).toEqual([]);

    await ana.trpc.contacts.remove.mutate({ userId: ben.user.id });
    await expect.poll(() => ofAna(benEvents, 'user.updated').at(-1)).toMatchObject({ user: { avatarMediaId: null, about: '' } });
    await expect.poll(() => ofAna(benEvents, 'presence').at(-1)).toEqual({ type: 'presence', userId: ana.user.id, online: false, lastSeenAt: null, hidden: true });
    // Cy, in a chat with her but never added, heard none of it.
    expect(ofAna(cyEvents, 'user.updated')).toEqual([]);
    expect(ofAna(cyEvents, 'presence')).toEqual([]);
  });

  it('accepting a friend request shows each of them to the other at once', async () => {
    await cy.trpc.settings.update.mutate({ privacy: { lastSeen: 'contacts' } });
    await cy.trpc.contacts.request.mutate({ userId: ana.user.id });
    await ana.trpc.contacts.respond.mutate({ userId: cy.user.id, accept: true });
    await expect.poll(() => ofAna(cyEvents, 'user.updated').at(-1)).toMatchObject({ user: { avatarMediaId: photoId, about: 'Sailing all summer' } });
    await expect.poll(() => ofAna(cyEvents, 'presence').at(-1)).toMatchObject({ online: true, hidden: false });
  });
});
