import { describe, expect, it } from 'vitest';
import { pngImage } from '@confab/testing/media/images';
import { upload } from '@confab/testing/media/upload';
import { collectEvents } from '@confab/testing/event-collector';
import type { SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { expectCode, noticesOf, peopleForSuite } from './testing/group-fixture.js';

describe('group lifecycle', () => {
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, cy: SignedInUser, eve: SignedInUser;
  peopleForSuite(['Ana', 'Ben', 'Cy', 'Eve'], (s, users) => ([server, ana, ben, cy, eve] = [s, ...users]));

  it('creates a group: the creator owns it, members see it live, and history starts with the creation notice', async () => {
    const benEvents = collectEvents(ben);
    await benEvents.started;
    const created = await ana.trpc.groups.create.mutate({ name: 'Climbing', memberIds: [ben.user.id, cy.user.id] });
    const chatId = created.chat.id;
    expect(created).toMatchObject({ added: [ben.user.id, cy.user.id], invited: [], chat: { kind: 'group', title: 'Climbing', role: 'owner', readOnly: false } });
    expect(created.chat.createdAt).toBe(server.clock.now().toISOString());

    await expect.poll(() => benEvents.events.map((e) => e.event.type)).toEqual(['message.new', 'chat.updated']);
    expect(benEvents.events[1]!.event).toMatchObject({ chat: { id: chatId, title: 'Climbing', role: 'member' } });
    benEvents.stop();

    expect(await noticesOf(cy, chatId)).toEqual([{ action: 'created', text: 'Ana created the group "Climbing"', targetIds: [ben.user.id, cy.user.id] }]);
    const { chats } = await cy.trpc.chats.list.query();
    expect(chats.map((c) => c.title)).toContain('Climbing');

    const { members, count } = await ben.trpc.groups.members.query({ chatId });
    expect(count).toBe(3);
    expect(members.map((m) => [m.user.name, m.role])).toEqual([['Ana', 'owner'], ['Ben', 'member'], ['Cy', 'member']]);
    expect(members[0]!.joinedAt).toBe(server.clock.now().toISOString());
    const info = await cy.trpc.groups.info.query({ chatId });
    expect(info).toMatchObject({ name: 'Climbing', memberCount: 3, myRole: 'member', createdBy: ana.user.id, permissions: { send: 'all', editInfo: 'all', addMembers: 'all' } });
  });

  it('renames, describes, sets and removes the image, each with a notice and a group.updated event', async () => {
    const { chat } = await ana.trpc.groups.create.mutate({ name: 'Book club', memberIds: [ben.user.id] });
    const benEvents = collectEvents(ben);
    await benEvents.started;

    await ben.trpc.groups.update.mutate({ chatId: chat.id, name: 'Book club 2026', description: 'One book a month' });
    const image = await upload(server.url, ana.tokens.accessToken, await pngImage(64, 64), { contentType: 'image/png' });
    expect(image.status).toBe(201);
    await ana.trpc.groups.setImage.mutate({ chatId: chat.id, mediaId: image.body.mediaId });
    await ana.trpc.groups.removeImage.mutate({ chatId: chat.id });

    await expect.poll(() => benEvents.events.filter((e) => e.event.type === 'group.updated').length).toBe(3);
    const last = benEvents.events.filter((e) => e.event.type === 'group.updated').at(-1)!.event;
    expect(last).toMatchObject({ group: { id: chat.id, name: 'Book club 2026', description: 'One book a month', avatarMediaId: null } });
    benEvents.stop();

    expect((await noticesOf(ana, chat.id)).map((n) => n.text)).toEqual([
      'Ana created the group "Book club"',
      'Ben changed the group name to "Book club 2026"',
      'Ben changed the group description',
      'Ana changed the group image',
      'Ana removed the group image',
    ]);
    // Someone else's upload cannot become the group image.
    await expectCode(ben.trpc.groups.setImage.mutate({ chatId: chat.id, mediaId: image.body.mediaId }), 'NOT_FOUND');
  });

  it('deletes a group: members keep read-only history ending with the notice, and nothing more can be sent', async () => {
    const { chat } = await ana.trpc.groups.create.mutate({ name: 'Short-lived', memberIds: [ben.user.id] });
    await ben.trpc.messages.send.mutate({ chatId: chat.id, clientId: 'b1', text: 'hello' });
    await expectCode(ben.trpc.groups.delete.mutate({ chatId: chat.id }), 'FORBIDDEN');
    await ana.trpc.groups.delete.mutate({ chatId: chat.id });

    const view = await ben.trpc.chats.get.query({ chatId: chat.id });
    expect(view.readOnly).toBe(true);
    const { messages } = await ben.trpc.messages.history.query({ chatId: chat.id });
    expect(messages.map((m) => m.text)).toEqual(['Ana created the group "Short-lived"', 'hello', 'Ana deleted the group']);
    await expectCode(ben.trpc.messages.send.mutate({ chatId: chat.id, clientId: 'b2', text: 'anyone?' }), 'FORBIDDEN');
    await expectCode(ana.trpc.groups.update.mutate({ chatId: chat.id, name: 'Back' }), 'FORBIDDEN');
    await expectCode(ana.trpc.groups.addMembers.mutate({ chatId: chat.id, userIds: [cy.user.id] }), 'FORBIDDEN');
    expect(await ben.trpc.groups.info.query({ chatId: chat.id })).toMatchObject({ deleted: true });
  });

  it('lets members report a group, with messages they can see as evidence; outsiders get NOT_FOUND', async () => {
    const { chat } = await ana.trpc.groups.create.mutate({ name: 'Spam', memberIds: [ben.user.id] });
    const message = await ana.trpc.messages.send.mutate({ chatId: chat.id, clientId: 'spam', text: 'buy now' });
    const { reportId } = await ben.trpc.groups.report.mutate({ chatId: chat.id, reason: 'spam', messageIds: [message.id] });
    expect(reportId).toEqual(expect.any(String));
    await expectCode(eve.trpc.groups.report.mutate({ chatId: chat.id, reason: 'curious' }), 'NOT_FOUND');
  });

  it('hides every group procedure from outsiders (NOT_FOUND) and refuses unknown input fields', async () => {
    const { chat } = await ana.trpc.groups.create.mutate({ name: 'Private', memberIds: [ben.user.id] });
    const chatId = chat.id;
    const attempts = {
      info: () => eve.trpc.groups.info.query({ chatId }),
      members: () => eve.trpc.groups.members.query({ chatId }),
      update: () => eve.trpc.groups.update.mutate({ chatId, name: 'Mine' }),
      removeImage: () => eve.trpc.groups.removeImage.mutate({ chatId }),
      addMembers: () => eve.trpc.groups.addMembers.mutate({ chatId, userIds: [eve.user.id] }),
      removeMember: () => eve.trpc.groups.removeMember.mutate({ chatId, userId: ben.user.id }),
      leave: () => eve.trpc.groups.leave.mutate({ chatId }),
      promote: () => eve.trpc.groups.promote.mutate({ chatId, userId: eve.user.id }),
      demote: () => eve.trpc.groups.demote.mutate({ chatId, userId: ana.user.id }),
      setPermissions: () => eve.trpc.groups.setPermissions.mutate({ chatId, send: 'all', editInfo: 'all', addMembers: 'all' }),
      inviteLink: () => eve.trpc.groups.inviteLink.mutate({ chatId }),
      revokeInviteLink: () => eve.trpc.groups.revokeInviteLink.mutate({ chatId }),
      delete: () => eve.trpc.groups.delete.mutate({ chatId }),
      pollsCreate: () => eve.trpc.polls.create.mutate({ chatId, question: 'Q?', options: ['a', 'b'], multipleAnswers: false }),
    };
    for (const [name, attempt] of Object.entries(attempts)) await expectCode(attempt(), 'NOT_FOUND', name);
    await expectCode(ana.trpc.groups.create.mutate({ name: 'x', memberIds: [], role: 'owner' } as never), 'BAD_REQUEST');
    await expectCode(ana.trpc.groups.update.mutate({ chatId, name: 'x', createdBy: eve.user.id } as never), 'BAD_REQUEST');
  });
});
