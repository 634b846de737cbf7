import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import { createTestClient, type TestClient } from '@confab/testing/test-client';
import { SecretKeys } from '../session/auth-session.js';
import { disposeAll, onlineCore, RestartableServer, waitForState, waitUntil, type TestCore } from '../testing/harness.js';

/**
 * Ana uses the desktop app; Ben reacts and replies to her messages, which fills her notification
 * centre. "Ana's phone" is a second client with her session, for changes made on another device.
 */
describe('desktop core: the notification centre in the cache', () => {
  const host = new RestartableServer();
  let ana: TestCore, ben: SignedInUser, chatId: string, phone: TestClient;

  const list = () => ana.core.page['notifications.list']({});
  const unread = async () => (await ana.core.page['notifications.unreadCount']({})).unread;
  const cachedUnread = () => ana.core.notificationCentre.unreadCount().unread;

  beforeAll(async () => {
    await host.start();
    ana = await onlineCore(host);
    ben = await signIn(host.server);
    await ben.trpc.me.update.mutate({ name: 'Ben' });
    chatId = (await ana.core.chats.openDirect(ben.user.id)).id;
  });

  afterAll(() => disposeAll(host, ana, ben, phone));

  it('keeps entries and the unread count from notification events', async () => {
    ana.core.outbox.send(chatId, 'Lunch at noon?');
    await waitUntil(() => ana.core.messages.read(chatId).messages.some((m) => m.status === 'sent'), 'the message is sent');
    const messageId = ana.core.messages.read(chatId).messages.at(-1)!.id;
    await ben.trpc.messages.react.mutate({ messageId, emoji: '👍' });
    host.clock.advance(1000);
    await ben.trpc.messages.send.mutate({ chatId, clientId: 'reply', text: 'Sure, see you there', replyToId: messageId });
    await waitUntil(() => cachedUnread() === 2, 'two notifications are counted');
    expect((await list()).notifications.map((n) => [n.kind, n.read])).toEqual([
      ['reply', false],
      ['reaction', false],
    ]);
  });

  it('shows them offline, marks one read at once, and sends the read on reconnect', async () => {
    await host.stop();
    await waitForState(ana.core, 'offline');
    const offline = await list();
    expect(offline.unread).toBe(2);
    expect(offline.notifications.map((n) => n.title)).toEqual(['Ben replied to your message', 'Ben reacted 👍 to your message']);

    const reply = offline.notifications[0]!;
    expect(await ana.core.page['notifications.markRead']({ ids: [reply.id] })).toEqual({ unread: 1 });
    expect(await unread()).toBe(1);
    expect((await list()).notifications.map((n) => n.read)).toEqual([true, false]);
    expect(ana.events).toContainEqual({ type: 'notification', action: 'read', ids: [reply.id], unread: 1 });
    expect(ana.core.diagnostics().outboxSize).toBe(1);

    await host.start();
    await waitForState(ana.core, 'online');
    await waitUntil(() => ana.core.diagnostics().outboxSize === 0, 'the queued read is sent');
    phone = createTestClient(host.url, () => ana.secrets.values.get(SecretKeys.accessToken) ?? null);
    const onServer = await phone.trpc.notifications.list.query();
    expect(onServer.unread).toBe(1);
    expect(onServer.notifications.find((n) => n.id === reply.id)?.read).toBe(true);
    expect(await unread()).toBe(1);
  });

  it('follows reads and deletions made on another device', async () => {
    const [reply, reaction] = (await list()).notifications;
    await phone.trpc.notifications.delete.mutate({ id: reply!.id });
    await waitUntil(() => ana.core.notificationCentre.unreadCount().unread === 1 && ana.events.some((e) => e.type === 'notification' && e.action === 'deleted'), 'the deletion arrives');
    await phone.trpc.notifications.markAllRead.mutate();
    await waitUntil(() => cachedUnread() === 0, 'mark all read arrives');

    await host.stop();
    await waitForState(ana.core, 'offline');
    expect(await list()).toEqual({ notifications: [{ ...reaction, read: true }], nextCursor: null, unread: 0 });
  });

  it('"mark all read" offline is queued too', async () => {
    await host.start();
    await waitForState(ana.core, 'online');
    const messageId = ana.core.messages.read(chatId).messages.find((m) => m.mine)!.id;
    host.clock.advance(1000);
    await ben.trpc.messages.react.mutate({ messageId, emoji: '🎉' });
    await waitUntil(() => cachedUnread() === 1, 'a new reaction is counted');

    await host.stop();
    await waitForState(ana.core, 'offline');
    expect(await ana.core.page['notifications.markAllRead']({})).toEqual({ unread: 0 });
    expect((await list()).notifications.every((n) => n.read)).toBe(true);

    await host.start();
    await waitForState(ana.core, 'online');
    await waitUntil(() => ana.core.diagnostics().outboxSize === 0, 'the queued read is sent');
    await waitUntil(async () => (await phone.trpc.notifications.unreadCount.query()).unread === 0, 'the server has everything read');
    expect(await unread()).toBe(0);
  });

  it('deleting one offline takes it out at once and deletes it on the server on reconnect', async () => {
    const messageId = ana.core.messages.read(chatId).messages.find((m) => m.mine)!.id;
    host.clock.advance(1000);
    await ben.trpc.messages.send.mutate({ chatId, clientId: 'second-reply', text: 'Or one?', replyToId: messageId });
    await waitUntil(() => cachedUnread() === 1, 'the new reply is counted');
    const [reply] = (await list()).notifications;

    await host.stop();
    await waitForState(ana.core, 'offline');
    expect(await ana.core.page['notifications.delete']({ id: reply!.id })).toEqual({ unread: 0 });
    expect((await list()).notifications.map((n) => n.id)).not.toContain(reply!.id);
    expect(ana.events).toContainEqual({ type: 'notification', action: 'deleted', ids: [reply!.id], unread: 0 });

    await host.start();
    await waitForState(ana.core, 'online');
    await waitUntil(() => ana.core.diagnostics().outboxSize === 0, 'the queued deletion is sent');
    expect((await phone.trpc.notifications.list.query()).notifications.map((n) => n.id)).not.toContain(reply!.id);
    expect((await list()).notifications.map((n) => n.id)).not.toContain(reply!.id);
  });
});
