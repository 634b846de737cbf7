import { describe, expect, it } from 'vitest';
import { ManualClock } from '../ports/clock.js';
import { pngImage } from '@confab/testing/media/images';
import { upload } from '@confab/testing/media/upload';
import { collectEvents } from '@confab/testing/event-collector';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { expectCode, noticesOf, peopleForSuite } from './testing/group-fixture.js';

type Audience = 'everyone' | 'contacts' | 'nobody';

describe('who may add me to groups', () => {
  const clock = new ManualClock(new Date('2026-04-01T09:00:00Z'));
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, cy: SignedInUser, eve: SignedInUser;
  peopleForSuite(['Ana', 'Ben', 'Cy', 'Eve'], (s, users) => ([server, ana, ben, cy, eve] = [s, ...users]), { clock });

  const setGroupAdd = (user: SignedInUser, groupAdd: Audience) => user.trpc.settings.update.mutate({ privacy: { groupAdd } });

  it('invites a contacts-only user added by a non-contact instead of adding them; accepting joins', async () => {
    await setGroupAdd(ben, 'contacts');
    const benEvents = collectEvents(ben);
    await benEvents.started;

    const imageId = (await upload(server.url, ana.tokens.accessToken, await pngImage(48, 48, '#5522aa'), { contentType: 'image/png' })).body.mediaId as string;
    const download = (user: SignedInUser) => fetch(`${server.url}/media/${imageId}`, { headers: { authorization: `Bearer ${user.tokens.accessToken}` } }).then((r) => r.status);
    const created = await ana.trpc.groups.create.mutate({ name: 'Strangers', memberIds: [ben.user.id, cy.user.id], imageMediaId: imageId });
    expect(created).toMatchObject({ added: [cy.user.id], invited: [ben.user.id] });
    // The invitation shows the group's image to Ben, not to Eve.
    expect([await download(ben), await download(eve)]).toEqual([200, 404]);
    await expectCode(ben.trpc.chats.get.query({ chatId: created.chat.id }), 'NOT_FOUND');
    expect((await ana.trpc.groups.members.query({ chatId: created.chat.id })).count).toBe(2);

    await expect.poll(() => benEvents.events.map((e) => e.event.type)).toEqual(['group.invitation', 'notification']);
    const { invitations } = await ben.trpc.groups.invitations.query();
    expect(invitations).toHaveLength(1);
    expect(invitations[0]).toMatchObject({ chatId: created.chat.id, status: 'pending', group: { name: 'Strangers', memberCount: 2 }, inviter: { id: ana.user.id, name: 'Ana' } });
    await expectCode(eve.trpc.groups.acceptInvitation.mutate({ invitationId: invitations[0]!.id }), 'NOT_FOUND');

    const joined = await ben.trpc.groups.acceptInvitation.mutate({ invitationId: invitations[0]!.id });
    expect(joined).toMatchObject({ id: created.chat.id, role: 'member' });
    expect((await noticesOf(ana, created.chat.id)).at(-1)!.text).toBe('Ben joined the group');
    expect((await ben.trpc.groups.invitations.query()).invitations).toEqual([]);
    await expectCode(ben.trpc.groups.acceptInvitation.mutate({ invitationId: invitations[0]!.id }), 'CONFLICT');
    benEvents.stop();

    // Adding through groups.addMembers follows the same rule.
    const other = await cy.trpc.groups.create.mutate({ name: 'Other', memberIds: [] });
    expect(await cy.trpc.groups.addMembers.mutate({ chatId: other.chat.id, userIds: [ben.user.id] })).toMatchObject({ added: [], invited: [ben.user.id] });
  });

  it("adds a contacts-only user straight away when the adder is in their contacts; 'nobody' always gets an invitation", async () => {
    await setGroupAdd(ben, 'contacts');
    await setGroupAdd(cy, 'nobody');
    await ben.trpc.contacts.add.mutate({ userId: ana.user.id });
    await cy.trpc.contacts.add.mutate({ userId: ana.user.id });

    const created = await ana.trpc.groups.create.mutate({ name: 'Friends', memberIds: [ben.user.id, cy.user.id] });
    expect(created).toMatchObject({ added: [ben.user.id], invited: [cy.user.id] });

    const [invitation] = (await cy.trpc.groups.invitations.query()).invitations.filter((i) => i.chatId === created.chat.id);
    await cy.trpc.groups.declineInvitation.mutate({ invitationId: invitation!.id });
    expect((await cy.trpc.groups.invitations.query()).invitations.filter((i) => i.chatId === created.chat.id)).toEqual([]);
    await expectCode(cy.trpc.groups.acceptInvitation.mutate({ invitationId: invitation!.id }), 'CONFLICT');
    await expectCode(cy.trpc.chats.get.query({ chatId: created.chat.id }), 'NOT_FOUND');
  });

  it('lets an invitation lapse after three days', async () => {
    await setGroupAdd(eve, 'nobody');
    const { chat } = await ana.trpc.groups.create.mutate({ name: 'Slow', memberIds: [eve.user.id] });
    const [invitation] = (await eve.trpc.groups.invitations.query()).invitations;
    expect(invitation!.chatId).toBe(chat.id);
    clock.advance(3 * 24 * 60 * 60 * 1000 + 1000);
    const later = await signIn(server, eve.phone);
    try {
      expect((await later.trpc.groups.invitations.query()).invitations).toEqual([]);
      await expectCode(later.trpc.groups.acceptInvitation.mutate({ invitationId: invitation!.id }), 'BAD_REQUEST');
    } finally {
      await later.close();
    }
  });
});
