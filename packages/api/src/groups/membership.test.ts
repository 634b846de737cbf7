import { describe, expect, it } from 'vitest';
import { ManualClock } from '../ports/clock.js';
import { collectEvents } from '@confab/testing/event-collector';
import type { SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { closeAll, expectCode, noticesOf, people, peopleForSuite } from './testing/group-fixture.js';

describe('group membership', () => {
  const clock = new ManualClock(new Date('2026-03-01T10:00:00Z'));
  let server: TestServer, ana: SignedInUser, ben: SignedInUser, cy: SignedInUser, dan: SignedInUser;
  peopleForSuite(['Ana', 'Ben', 'Cy', 'Dan'], (s, users) => ([server, ana, ben, cy, dan] = [s, ...users]), { clock });

  const roles = async (viewer: SignedInUser, chatId: string) =>
    Object.fromEntries((await viewer.trpc.groups.members.query({ chatId })).members.map((m) => [m.user.name, m.role]));

  it('adds members with a notice and live events; adding a current member again is harmless', async () => {
    const { chat } = await ana.trpc.groups.create.mutate({ name: 'Trip', memberIds: [ben.user.id] });
    const benEvents = collectEvents(ben);
    const cyEvents = collectEvents(cy);
    await Promise.all([benEvents.started, cyEvents.started]);

    const first = await ben.trpc.groups.addMembers.mutate({ chatId: chat.id, userIds: [cy.user.id, dan.user.id] });
    expect(first).toMatchObject({ added: [cy.user.id, dan.user.id], invited: [], alreadyMembers: [], memberCount: 4 });
    const again = await ana.trpc.groups.addMembers.mutate({ chatId: chat.id, userIds: [cy.user.id] });
    expect(again).toMatchObject({ added: [], alreadyMembers: [cy.user.id], memberCount: 4 });

    await expect.poll(() => benEvents.events.map((e) => e.event.type)).toEqual(['message.new', 'member.joined', 'member.joined']);
    await expect.poll(() => cyEvents.events.map((e) => e.event.type)).toEqual(['message.new', 'member.joined', 'member.joined', 'chat.updated']);
    expect(cyEvents.events[3]!.event).toMatchObject({ chat: { id: chat.id, title: 'Trip', role: 'member' } });
    benEvents.stop();
    cyEvents.stop();

    expect((await noticesOf(ana, chat.id)).map((n) => n.text)).toEqual(['Ana created the group "Trip"', 'Ben added Cy and Dan']);
    // A new member sees from the notice that added them on, not what was said before.
    expect((await cy.trpc.messages.history.query({ chatId: chat.id })).messages.map((m) => m.text)).toEqual(['Ben added Cy and Dan']);
  });

  it('promotes and demotes with notices, member.updated for everyone and chat.updated for the person', async () => {
    const { chat } = await ana.trpc.groups.create.mutate({ name: 'Roles', memberIds: [ben.user.id, cy.user.id] });
    const cyEvents = collectEvents(cy);
    await cyEvents.started;
    await ana.trpc.groups.promote.mutate({ chatId: chat.id, userId: ben.user.id });
    await ana.trpc.groups.promote.mutate({ chatId: chat.id, userId: ben.user.id }); // no-op
    expect(await roles(cy, chat.id)).toEqual({ Ana: 'owner', Ben: 'admin', Cy: 'member' });
    await ben.trpc.groups.demote.mutate({ chatId: chat.id, userId: ben.user.id });
    expect(await roles(cy, chat.id)).toEqual({ Ana: 'owner', Ben: 'member', Cy: 'member' });

    await expect.poll(() => cyEvents.events.filter((e) => e.event.type === 'member.updated').map((e) => (e.event as { role: string }).role)).toEqual(['admin', 'member']);
    cyEvents.stop();
    expect((await noticesOf(cy, chat.id)).map((n) => n.text).slice(1)).toEqual(['Ben is now an admin', 'Ben is no longer an admin']);
  });

  it("hands an owner's group to the longest-serving admin when the owner leaves", async () => {
    const { chat } = await ana.trpc.groups.create.mutate({ name: 'Succession', memberIds: [ben.user.id] });
    clock.advance(60_000);
    await ana.trpc.groups.addMembers.mutate({ chatId: chat.id, userIds: [cy.user.id] });
    clock.advance(60_000);
    await ana.trpc.groups.addMembers.mutate({ chatId: chat.id, userIds: [dan.user.id] });
    await ana.trpc.groups.promote.mutate({ chatId: chat.id, userId: dan.user.id });
    await ana.trpc.groups.promote.mutate({ chatId: chat.id, userId: cy.user.id });

    await ana.trpc.groups.leave.mutate({ chatId: chat.id });
    // Ben has been there longest, but is not an admin; of the admins, Cy joined first.
    expect(await roles(ben, chat.id)).toEqual({ Cy: 'owner', Dan: 'admin', Ben: 'member' });
    expect((await noticesOf(ben, chat.id)).slice(-2).map((n) => n.text)).toEqual(['Ana left', 'Cy is now the group owner']);
    expect(await ana.trpc.chats.get.query({ chatId: chat.id })).toMatchObject({ readOnly: true });
    await expectCode(ana.trpc.groups.members.query({ chatId: chat.id }), 'FORBIDDEN');
  });

  it('hands it to the longest-serving member when there is no admin', async () => {
    const { chat } = await ana.trpc.groups.create.mutate({ name: 'No admins', memberIds: [] });
    clock.advance(60_000);
    await ana.trpc.groups.addMembers.mutate({ chatId: chat.id, userIds: [dan.user.id] });
    clock.advance(60_000);
    await ana.trpc.groups.addMembers.mutate({ chatId: chat.id, userIds: [ben.user.id, cy.user.id] });

    await ana.trpc.groups.leave.mutate({ chatId: chat.id });
    expect(await roles(ben, chat.id)).toEqual({ Dan: 'owner', Ben: 'member', Cy: 'member' });
    // The new owner can do what owners do.
    await dan.trpc.groups.promote.mutate({ chatId: chat.id, userId: ben.user.id });
    await dan.trpc.groups.delete.mutate({ chatId: chat.id });
  });

  it('gives someone who rejoins a new window: nothing from while they were away', async () => {
    const { chat } = await ana.trpc.groups.create.mutate({ name: 'Window', memberIds: [ben.user.id] });
    await ben.trpc.messages.send.mutate({ chatId: chat.id, clientId: 'b1', text: 'before leaving' });
    await ben.trpc.groups.leave.mutate({ chatId: chat.id });
    await ana.trpc.messages.send.mutate({ chatId: chat.id, clientId: 'a1', text: 'while Ben was away' });
    await ana.trpc.groups.addMembers.mutate({ chatId: chat.id, userIds: [ben.user.id] });
    await ana.trpc.messages.send.mutate({ chatId: chat.id, clientId: 'a2', text: 'welcome back' });

    const texts = (await ben.trpc.messages.history.query({ chatId: chat.id })).messages.map((m) => m.text);
    expect(texts).toEqual(['Ana added Ben', 'welcome back']);
    expect(await ben.trpc.chats.get.query({ chatId: chat.id })).toMatchObject({ readOnly: false, role: 'member' });
  });

  it('keeps notices about many people small: 32 ids in meta, the full count beside them', async () => {
    const crowd = await people(server, Array.from({ length: 36 }, (_, i) => `Guest ${String(i).padStart(2, '0')}`));
    try {
      const { chat } = await ana.trpc.groups.create.mutate({ name: 'Crowd', memberIds: crowd.map((u) => u.user.id) });
      const [created] = (await crowd[0]!.trpc.messages.history.query({ chatId: chat.id })).messages;
      expect(created!.meta).toMatchObject({ action: 'created', targetCount: 36 });
      expect(created!.meta!.targetIds).toHaveLength(32);
      expect(created!.text).toMatch(/^Ana created the group "Crowd"$/);
      const added = await ana.trpc.groups.create.mutate({ name: 'Crowd 2', memberIds: [] });
      await ana.trpc.groups.addMembers.mutate({ chatId: added.chat.id, userIds: crowd.map((u) => u.user.id) });
      expect((await noticesOf(ana, added.chat.id)).at(-1)!.text).toMatch(/^Ana added Guest \d\d, Guest \d\d, Guest \d\d and 33 others$/);
    } finally {
      await closeAll(crowd);
    }
  });

  it('refuses to remove the owner, or to remove yourself (use leave)', async () => {
    const { chat } = await ana.trpc.groups.create.mutate({ name: 'Guard', memberIds: [ben.user.id, cy.user.id] });
    await ana.trpc.groups.promote.mutate({ chatId: chat.id, userId: ben.user.id });
    await expectCode(ben.trpc.groups.removeMember.mutate({ chatId: chat.id, userId: ana.user.id }), 'FORBIDDEN');
    await expectCode(ben.trpc.groups.demote.mutate({ chatId: chat.id, userId: ana.user.id }), 'FORBIDDEN');
    await expectCode(ben.trpc.groups.removeMember.mutate({ chatId: chat.id, userId: ben.user.id }), 'BAD_REQUEST');
    await expectCode(ben.trpc.groups.removeMember.mutate({ chatId: chat.id, userId: dan.user.id }), 'NOT_FOUND');
  });
});
