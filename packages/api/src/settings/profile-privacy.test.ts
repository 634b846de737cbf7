import { describe, expect, it } from 'vitest';
import { pngImage } from '@confab/testing/media/images';
import { upload } from '@confab/testing/media/upload';
import { collectEvents } from '@confab/testing/event-collector';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { serverForSuite } from '@confab/testing/suite';

type Audience = 'everyone' | 'contacts' | 'nobody';

/**
 * The profile-photo and about settings (lastSeen: presence.test.ts, readReceipts:
 * receipts.test.ts, groupAdd: groups/privacy.test.ts): Ana has Ben as a contact, Cy is only in
 * a chat with her. What each of them is shown of Ana follows her choice.
 */
describe('who sees my profile photo and about', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, cy: SignedInUser, photoId: string, groupId: string;
  serverForSuite(async (s) => {
    server = s;
    [ana, ben, cy] = await Promise.all([signIn(server), signIn(server), signIn(server)]);
    await ana.trpc.me.update.mutate({ name: 'Ana', about: 'Sailing all summer' });
    photoId = (await upload(server.url, ana.tokens.accessToken, await pngImage(64, 64, '#0088ff'), { contentType: 'image/png' })).body.mediaId as string;
    await ana.trpc.me.setAvatar.mutate({ mediaId: photoId });
    await ana.trpc.contacts.add.mutate({ userId: ben.user.id });
    await ana.trpc.chats.openDirect.mutate({ userId: ben.user.id });
    await ana.trpc.chats.openDirect.mutate({ userId: cy.user.id });
    // Ben and Cy both keep Ana in their address books; only Ben is in hers.
    await ben.trpc.contacts.add.mutate({ userId: ana.user.id });
    await cy.trpc.contacts.add.mutate({ userId: ana.user.id });
    groupId = (await ana.trpc.groups.create.mutate({ name: 'Crew', memberIds: [ben.user.id, cy.user.id] })).chat.id;
    return [ana, ben, cy];
  });

  const set = (privacy: { profilePhoto?: Audience; about?: Audience }) => ana.trpc.settings.update.mutate({ privacy });
  /** Ana as `viewer` is shown her: profile, 1:1 chat, group member list, address book, number lookup, and the photo itself. */
  async function seenBy(viewer: SignedInUser) {
    const profile = await viewer.trpc.users.get.query({ userId: ana.user.id });
    const direct = (await viewer.trpc.chats.list.query({})).chats.find((c) => c.kind === 'direct' && c.peer?.id === ana.user.id)!;
    const member = (await viewer.trpc.groups.members.query({ chatId: groupId })).members.find((m) => m.user.id === ana.user.id)!;
    const contact = (await viewer.trpc.contacts.list.query()).find((c) => c.user.id === ana.user.id)!;
    const [found] = await viewer.trpc.users.lookup.mutate({ phones: [ana.phone] });
    const download = await fetch(`${server.url}/media/${photoId}`, { headers: { authorization: `Bearer ${viewer.tokens.accessToken}` } });
    return { photo: profile.avatarMediaId, about: profile.about, chatPhoto: direct.avatarMediaId, memberPhoto: member.user.avatarMediaId, memberAbout: member.user.about, contactPhoto: contact.user.avatarMediaId, contactAbout: contact.user.about, lookupPhoto: found!.user.avatarMediaId, lookupAbout: found!.user.about, download: download.status };
  }
  const shown = { photo: expect.any(String), about: 'Sailing all summer', chatPhoto: expect.any(String), memberPhoto: expect.any(String), memberAbout: 'Sailing all summer', contactPhoto: expect.any(String), contactAbout: 'Sailing all summer', lookupPhoto: expect.any(String), lookupAbout: 'Sailing all summer', download: 200 };
  const hidden = { photo: null, about: '', chatPhoto: null, memberPhoto: null, memberAbout: '', contactPhoto: null, contactAbout: '', lookupPhoto: null, lookupAbout: '', download: 404 };

  it("'everyone' shows photo and about to all", async () => {
    expect(await seenBy(ben)).toEqual(shown);
    expect(await seenBy(cy)).toEqual(shown);
  });

  it("'contacts' shows them to Ana's contacts only, and tells the others' devices at once", async () => {
    const cyLive = collectEvents(cy);
    const benLive = collectEvents(ben);
    await Promise.all([cyLive.started, benLive.started]);
    await set({ profilePhoto: 'contacts', about: 'contacts' });
    expect(await seenBy(ben)).toEqual(shown);
    expect(await seenBy(cy)).toEqual(hidden);
    const lastProfile = (live: typeof cyLive) => live.events.filter((e) => e.event.type === 'user.updated').at(-1)?.event;
    await expect.poll(() => lastProfile(cyLive)).toEqual({ type: 'user.updated', user: { id: ana.user.id, name: 'Ana', about: '', avatarMediaId: null } });
    await expect.poll(() => lastProfile(benLive)).toEqual({ type: 'user.updated', user: { id: ana.user.id, name: 'Ana', about: 'Sailing all summer', avatarMediaId: photoId } });
    cyLive.stop();
    benLive.stop();
  });

  it("'nobody' hides them from everyone but Ana herself; each setting works on its own", async () => {
    await set({ profilePhoto: 'nobody', about: 'nobody' });
    expect(await seenBy(ben)).toEqual(hidden);
    expect(await seenBy(cy)).toEqual(hidden);
    expect(await ana.trpc.me.get.query()).toMatchObject({ about: 'Sailing all summer', avatarMediaId: photoId });

    await set({ profilePhoto: 'everyone' });
    expect(await seenBy(cy)).toMatchObject({ photo: photoId, about: '', download: 200 });
    await set({ profilePhoto: 'nobody', about: 'everyone' });
    expect(await seenBy(cy)).toMatchObject({ photo: null, about: 'Sailing all summer', download: 404 });
    await set({ profilePhoto: 'everyone', about: 'everyone' });
  });
  it("a friend request shows the sender's photo and about only as their settings allow", async () => {
    const dee = await signIn(server);
    await set({ profilePhoto: 'contacts', about: 'contacts' });
    await ana.trpc.contacts.request.mutate({ userId: dee.user.id });
    const [incoming] = (await dee.trpc.contacts.requests.query()).incoming;
    expect(incoming!.user).toMatchObject({ id: ana.user.id, avatarMediaId: null, about: '' });
    await set({ profilePhoto: 'everyone', about: 'everyone' });
    expect((await dee.trpc.contacts.requests.query()).incoming[0]!.user).toMatchObject({ avatarMediaId: photoId, about: 'Sailing all summer' });
    await dee.close();
  });
});
