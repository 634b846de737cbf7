import { describe, expect, it } from 'vitest';
import { pngImage } from '@confab/testing/media/images';
import { upload } from '@confab/testing/media/upload';
import { collectEvents } from '@confab/testing/event-collector';
import type { SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { expectCode, noticesOf, peopleForSuite } from './testing/group-fixture.js';

describe('group invite links', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, cy: SignedInUser, dan: SignedInUser;
  peopleForSuite(['Ana', 'Ben', 'Cy', 'Dan'], (s, users) => ([server, ana, ben, cy, dan] = [s, ...users]));

  it('previews without joining, joins once however often it is used, and stops working once revoked', async () => {
    const { chat } = await ana.trpc.groups.create.mutate({ name: 'Open group', memberIds: [ben.user.id], description: 'Come along' });
    const link = await ana.trpc.groups.inviteLink.mutate({ chatId: chat.id });
    // An unguessable code: ≥ 128 bits of base64url, in a link to the server.
    expect(link.code).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(link.url).toMatch(new RegExp(`^https?://[^/]+/join/${link.code}$`));
    expect(await ben.trpc.groups.inviteLink.mutate({ chatId: chat.id })).toEqual(link);

    const preview = await cy.trpc.groups.previewInvite.query({ code: link.code });
    expect(preview).toMatchObject({ chatId: chat.id, name: 'Open group', description: 'Come along', avatarMediaId: null, memberCount: 2, alreadyMember: false });
    // Previewing did not join.
    await expectCode(cy.trpc.chats.get.query({ chatId: chat.id }), 'NOT_FOUND');

    const anaEvents = collectEvents(ana);
    await anaEvents.started;
    const joined = await cy.trpc.groups.joinViaLink.mutate({ code: link.code });
    expect(joined).toMatchObject({ id: chat.id, title: 'Open group', role: 'member', readOnly: false });
    const again = await cy.trpc.groups.joinViaLink.mutate({ code: link.code });
    expect(again).toMatchObject({ id: chat.id, role: 'member' });
    expect((await ana.trpc.groups.members.query({ chatId: chat.id })).count).toBe(3);
    expect((await noticesOf(ana, chat.id)).map((n) => n.text)).toEqual(['Ana created the group "Open group"', "Cy joined using the group's invite link"]);
    await expect.poll(() => anaEvents.events.map((e) => e.event.type)).toEqual(['message.new', 'member.joined']);
    anaEvents.stop();
    expect(await cy.trpc.groups.previewInvite.query({ code: link.code })).toMatchObject({ memberCount: 3, alreadyMember: true });

    expect(await ana.trpc.groups.revokeInviteLink.mutate({ chatId: chat.id })).toEqual({ revoked: true });
    await expectCode(dan.trpc.groups.previewInvite.query({ code: link.code }), 'NOT_FOUND');
    await expectCode(dan.trpc.groups.joinViaLink.mutate({ code: link.code }), 'NOT_FOUND');
    await expectCode(dan.trpc.chats.get.query({ chatId: chat.id }), 'NOT_FOUND');

    const fresh = await ana.trpc.groups.inviteLink.mutate({ chatId: chat.id });
    expect(fresh.code).not.toBe(link.code);
    await dan.trpc.groups.joinViaLink.mutate({ code: fresh.code });
    expect((await ana.trpc.groups.members.query({ chatId: chat.id })).count).toBe(4);
  });

  it("shows the group's image to whoever is shown the group before joining, and to nobody else", async () => {
    const uploaded = await upload(server.url, ana.tokens.accessToken, await pngImage(64, 64, '#118844'), { contentType: 'image/png' });
    const imageId = uploaded.body.mediaId as string;
    const { chat } = await ana.trpc.groups.create.mutate({ name: 'Pictured', memberIds: [ben.user.id], imageMediaId: imageId });
    const download = (user: SignedInUser) => fetch(`${server.url}/media/${imageId}`, { headers: { authorization: `Bearer ${user.tokens.accessToken}` } }).then((r) => r.status);
    // No link yet: an outsider who somehow has the id gets nothing.
    expect(await download(dan)).toBe(404);

    const link = await ana.trpc.groups.inviteLink.mutate({ chatId: chat.id });
    const preview = await dan.trpc.groups.previewInvite.query({ code: link.code });
    expect(preview.avatarMediaId).toBe(imageId);
    expect(await download(dan)).toBe(200);

    await ana.trpc.groups.revokeInviteLink.mutate({ chatId: chat.id });
    expect(await download(dan)).toBe(404);
    expect(await download(ben)).toBe(200);
  });

  it('gives NOT_FOUND for unknown codes and for links of deleted groups', async () => {
    await expectCode(ben.trpc.groups.previewInvite.query({ code: 'A'.repeat(32) }), 'NOT_FOUND');
    await expectCode(ben.trpc.groups.joinViaLink.mutate({ code: 'A'.repeat(32) }), 'NOT_FOUND');
    const { chat } = await ana.trpc.groups.create.mutate({ name: 'Doomed', memberIds: [] });
    const { code } = await ana.trpc.groups.inviteLink.mutate({ chatId: chat.id });
    await ana.trpc.groups.delete.mutate({ chatId: chat.id });
    await expectCode(ben.trpc.groups.previewInvite.query({ code }), 'NOT_FOUND');
    await expectCode(ben.trpc.groups.joinViaLink.mutate({ code }), 'NOT_FOUND');
  });

  it('lets a removed member back in through a link, with a new window', async () => {
    const { chat } = await ana.trpc.groups.create.mutate({ name: 'Second chance', memberIds: [ben.user.id] });
    await ana.trpc.groups.removeMember.mutate({ chatId: chat.id, userId: ben.user.id });
    await ana.trpc.messages.send.mutate({ chatId: chat.id, clientId: 'private', text: 'said while Ben was out' });
    const { code } = await ana.trpc.groups.inviteLink.mutate({ chatId: chat.id });
    await ben.trpc.groups.joinViaLink.mutate({ code });
    const texts = (await ben.trpc.messages.history.query({ chatId: chat.id })).messages.map((m) => m.text);
    expect(texts).toEqual(["Ben joined using the group's invite link"]);
  });

  it('lets many people join through one link at once, each exactly once', async () => {
    const { chat } = await ana.trpc.groups.create.mutate({ name: 'Rush', memberIds: [] });
    const { code } = await ana.trpc.groups.inviteLink.mutate({ chatId: chat.id });
    await Promise.all([ben, cy, dan, ben, cy, dan].map((u) => u.trpc.groups.joinViaLink.mutate({ code })));
    expect((await ana.trpc.groups.members.query({ chatId: chat.id })).count).toBe(4);
    expect((await noticesOf(ana, chat.id)).filter((n) => n.action === 'joined_via_link')).toHaveLength(3);
  });
});
