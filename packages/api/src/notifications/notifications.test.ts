import { ManualClock } from '@confab/api';
import { collectEvents } from '@confab/testing/event-collector';
import type { SignedInUser } from '@confab/testing/sign-in';
import { describe, expect, it } from 'vitest';
import { expectCode, peopleForSuite } from '../groups/testing/group-fixture.js';

describe('notification centre', () => {
  // Entries are ordered by time: the clock moves a second between steps, as it does for people.
  const clock = new ManualClock();
  const tick = () => clock.advance(1000);
  let ana: SignedInUser, ben: SignedInUser, cleo: SignedInUser, dan: SignedInUser, eve: SignedInUser;
  let groupId: string;
  peopleForSuite(['Ana', 'Ben', 'Cleo', 'Dan', 'Eve'], (_s, u) => {
    [ana, ben, cleo, dan, eve] = u;
  }, { clock });

  const list = async (user: SignedInUser) => (await user.trpc.notifications.list.query()).notifications;

  it('stores one entry for a mention, a reply, grouped reactions and a group invitation, and streams them', async () => {
    const live = collectEvents(ana);
    await live.started;
    groupId = (await ben.trpc.groups.create.mutate({ name: 'Climbing', memberIds: [ana.user.id, cleo.user.id, dan.user.id, eve.user.id] })).chat.id;
    const mine = await ana.trpc.messages.send.mutate({ chatId: groupId, clientId: 'a1', text: 'Who is coming on Saturday?' });

    tick();
    await ben.trpc.messages.send.mutate({ chatId: groupId, clientId: 'b1', text: '@Ana bring the rope', mentions: [ana.user.id] });
    tick();
    await cleo.trpc.messages.send.mutate({ chatId: groupId, clientId: 'c1', text: 'Me!', replyToId: mine.id });
    // A mention of myself and a reply to myself are no news.
    await ana.trpc.messages.send.mutate({ chatId: groupId, clientId: 'a2', text: 'note to self', replyToId: mine.id, mentions: [ana.user.id] });
    for (const [user, emoji] of [[ben, '👍'], [cleo, '❤️'], [dan, '👍'], [eve, '😂']] as const) {
      tick();
      await user.trpc.messages.react.mutate({ messageId: mine.id, emoji });
    }
    tick();

    await ana.trpc.settings.update.mutate({ privacy: { groupAdd: 'nobody' } });
    const invitedTo = await dan.trpc.groups.create.mutate({ name: 'Board games', memberIds: [ana.user.id] });
    expect(invitedTo.invited).toEqual([ana.user.id]);

    const entries = await list(ana);
    expect(entries.map((n) => [n.kind, n.title, n.read])).toEqual([
      ['group.invitation', 'Dan invited you to Board games', false],
      ['reaction', 'Eve and 3 others reacted to your message', false],
      ['reply', 'Cleo replied to your message', false],
      ['mention', 'Ben mentioned you in Climbing', false],
    ]);
    expect(entries[1]).toMatchObject({ messageId: mine.id, chatId: groupId, actorCount: 4, snippet: 'Who is coming on Saturday?' });
    expect(entries[1]!.actors.map((a) => a.name)).toEqual(['Eve', 'Dan', 'Cleo']);
    expect(entries[3]).toMatchObject({ snippet: '@Ana bring the rope', chatId: groupId });
    expect((await ana.trpc.notifications.unreadCount.query()).unread).toBe(4);

    // Taking reactions back shrinks the group; a single reaction names its emoji.
    for (const user of [eve, dan, cleo]) await user.trpc.messages.react.mutate({ messageId: mine.id, emoji: null });
    expect((await list(ana)).find((n) => n.kind === 'reaction')).toMatchObject({ title: 'Ben reacted 👍 to your message', actorCount: 1 });

    const kinds = () => live.events.filter((e) => e.event.type === 'notification').map((e) => (e.event as { action: string }).action);
    await expect.poll(() => kinds().filter((k) => k === 'new').length).toBe(4);
    expect(kinds().filter((k) => k === 'updated').length).toBeGreaterThanOrEqual(6);
    live.stop();
  });

  it('marks read, marks all read and deletes; another user can neither read nor change mine', async () => {
    const [first, second] = await list(ana);
    const live = collectEvents(ana);
    await live.started;
    expect(await ana.trpc.notifications.markRead.mutate({ ids: [first!.id] })).toEqual({ unread: 3 });
    expect((await list(ana)).find((n) => n.id === first!.id)!.read).toBe(true);

    // Ben's lists hold only his own; my ids do nothing for him.
    expect((await list(ben)).map((n) => n.id)).not.toContain(second!.id);
    expect(await ben.trpc.notifications.markRead.mutate({ ids: [second!.id] })).toEqual({ unread: 0 });
    await expectCode(ben.trpc.notifications.delete.mutate({ id: second!.id }), 'NOT_FOUND');
    expect((await list(ana)).find((n) => n.id === second!.id)!.read).toBe(false);

    expect(await ana.trpc.notifications.delete.mutate({ id: second!.id })).toEqual({ unread: 2 });
    expect((await list(ana)).map((n) => n.id)).not.toContain(second!.id);
    await expectCode(ana.trpc.notifications.delete.mutate({ id: second!.id }), 'NOT_FOUND');
    expect(await ana.trpc.notifications.markAllRead.mutate()).toEqual({ unread: 0 });
    expect((await list(ana)).every((n) => n.read)).toBe(true);
    await expect.poll(() => live.events.map((e) => e.event).filter((e) => e.type === 'notification').map((e) => (e as { action: string; unread: number }).unread)).toEqual([3, 2, 0]);
    live.stop();
  });

  it('follows the notification settings: a category turned off stores nothing', async () => {
    await ana.trpc.settings.update.mutate({ notifications: { reactions: false, groups: false } });
    const before = (await list(ana)).length;
    const message = await ana.trpc.messages.send.mutate({ chatId: groupId, clientId: 'a3', text: 'quiet please' });
    await cleo.trpc.messages.react.mutate({ messageId: message.id, emoji: '👍' });
    await cleo.trpc.messages.send.mutate({ chatId: groupId, clientId: 'c2', text: 'ok', replyToId: message.id });
    expect((await list(ana)).length).toBe(before);
    // Direct chats are "messages", still on.
    tick();
    const direct = await ana.trpc.chats.openDirect.mutate({ userId: cleo.user.id });
    const hello = await ana.trpc.messages.send.mutate({ chatId: direct.id, clientId: 'a4', text: 'hello' });
    await cleo.trpc.messages.send.mutate({ chatId: direct.id, clientId: 'c3', text: 'hi back', replyToId: hello.id });
    expect((await list(ana))[0]).toMatchObject({ kind: 'reply', title: 'Cleo replied to your message', chatId: direct.id });
    await ana.trpc.settings.update.mutate({ notifications: { reactions: true, groups: true } });
  });

  it('tells a story author about a reply', async () => {
    await ana.trpc.contacts.add.mutate({ userId: ben.user.id });
    await ben.trpc.contacts.add.mutate({ userId: ana.user.id });
    const story = await ana.trpc.stories.post.mutate({ kind: 'text', text: 'New haircut' });
    tick();
    const reply = await ben.trpc.stories.reply.mutate({ storyId: story.id, text: 'Looks great' });
    expect((await list(ana))[0]).toMatchObject({ kind: 'story.reply', title: 'Ben replied to your status', storyId: story.id, messageId: reply.id, chatId: reply.chatId, snippet: 'Looks great', read: false });
  });
});
