import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeAll, onlineCore, RestartableServer, waitUntil } from '../testing/harness.js';
import type { NotificationToShow } from '../types.js';

/**
 * The desktop app follows the server's notification settings (the switches the web client and
 * push follow too) and is one of the account's devices: `devices.list` shows it beside a
 * browser, and `devices.remove` of it stops its OS notifications.
 */
describe('desktop notifications follow the server', () => {
  const host = new RestartableServer();
  let ana: Awaited<ReturnType<typeof onlineCore>>, anaPhone: SignedInUser, ben: SignedInUser, chatId: string, groupId: string;

  const notesAfter = (before: number): NotificationToShow[] => ana.events.slice(before).flatMap((e) => (e.type === 'os.notification' ? [e.notification] : []));
  const arrived = (text: string) => waitUntil(async () => [chatId, groupId].some((id) => ana.core.chats.list().some((c) => c.id === id && c.lastMessage?.text === text)), `"${text}" arrives`);

  beforeAll(async () => {
    await host.start();
    ana = await onlineCore(host);
    [anaPhone, ben] = await Promise.all([signIn(host.server, ana.phone, 'Ana’s browser'), signIn(host.server)]);
    await ben.trpc.me.update.mutate({ name: 'Ben' });
    chatId = (await ben.trpc.chats.openDirect.mutate({ userId: ana.user.id })).id;
    groupId = (await ben.trpc.groups.create.mutate({ name: 'Climbing', memberIds: [ana.user.id] })).chat.id;
    await ana.core.notifications.setFocus({ openChatId: null, windowFocused: false });
  });

  afterAll(() => disposeAll(host, ana, anaPhone, ben));

  it('registers itself as a desktop device, listed beside a browser', async () => {
    await anaPhone.trpc.devices.register.mutate({ kind: 'webpush', name: 'Chrome on Linux', endpoint: 'https://push.example.com/send/abc', keys: { p256dh: 'B'.repeat(87), auth: 'A'.repeat(22) } });
    await waitUntil(async () => (await anaPhone.trpc.devices.list.query()).devices.some((d) => d.kind === 'desktop'), 'the desktop device is registered');
    const { devices } = await anaPhone.trpc.devices.list.query();
    expect(devices.map((d) => ({ kind: d.kind, name: d.name, current: d.current })).sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { kind: 'desktop', name: 'Confab Desktop (test)', current: false },
      { kind: 'webpush', name: 'Chrome on Linux', current: true },
    ]);
    await anaPhone.trpc.devices.remove.mutate({ deviceId: devices.find((d) => d.kind === 'webpush')!.id });
  });

  it('shows what the server settings allow: messages off, groups on, sound off', async () => {
    await anaPhone.trpc.settings.update.mutate({ notifications: { messages: false, sound: false } });
    await waitUntil(() => !ana.core.notifications.settings().messages, 'the settings arrive');
    const before = ana.events.length;
    await ben.trpc.messages.send.mutate({ chatId, clientId: 's1', text: 'one to one' });
    await arrived('one to one');
    await ben.trpc.messages.send.mutate({ chatId: groupId, clientId: 's2', text: 'rope is in my car' });
    await waitUntil(() => notesAfter(before).length > 0, 'a notification');
    expect(notesAfter(before)).toEqual([{ chatId: groupId, messageId: expect.any(String), title: 'Climbing', body: 'Ben: rope is in my car', silent: true }]);
    await anaPhone.trpc.settings.update.mutate({ notifications: { messages: true, sound: true } });
    await waitUntil(() => ana.core.notifications.settings().messages, 'the settings arrive');
  });

  it('stays quiet once removed from the devices list, also after reconnecting', async () => {
    const desktop = (await anaPhone.trpc.devices.list.query()).devices.find((d) => d.kind === 'desktop')!;
    await anaPhone.trpc.devices.remove.mutate({ deviceId: desktop.id });
    await waitUntil(() => ana.core.notifications.settings().deviceRemoved, 'the app hears it was removed');
    const before = ana.events.length;
    await ben.trpc.messages.send.mutate({ chatId, clientId: 's3', text: 'are you there?' });
    await arrived('are you there?');

    await host.stop();
    await host.start();
    await waitUntil(() => ana.core.sync.state === 'online', 'back online');
    await ben.trpc.messages.send.mutate({ chatId, clientId: 's4', text: 'still there?' });
    await arrived('still there?');
    expect(notesAfter(before)).toEqual([]);
    expect((await anaPhone.trpc.devices.list.query()).devices).toEqual([]);
  });
});
