import { signIn, newPhone, type SignedInUser } from '@confab/testing/sign-in';
import { type TestServer } from '@confab/testing/test-server';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openWatchedPage, screenshot, type WatchedPage } from '@confab/testing/browser';
import { bubble, setProfileName, signInThroughUi } from '@confab/testing/ui';
import { webClientSuite } from './support/web-suite';

interface Shown {
  title: string;
  body: string;
  tag: string;
}

/**
 * Browser notifications in the web client: Ana turns them on in Settings (the browser's
 * permission is granted to the test's origin); Ben writes through the API. Every notification
 * the page creates is recorded as it is made (the real Notification still runs), and the test
 * clicks one by dispatching the click a real one gets.
 */
describe('browser notifications in Chromium', () => {
  let server: TestServer, browser: Browser, ana: WatchedPage, ben: SignedInUser, chatId: string;
  const anaPhone = newPhone();

  const shown = () => ana.page.evaluate(() => (window as unknown as { __shown: Shown[] }).__shown);

  webClientSuite({
    name: 'notifications',
    pages: () => [ana.page],
    teardown: async () => void (await ben?.close()),
    setup: async (s, b) => {
      [server, browser] = [s, b];
      ana = await openWatchedPage(browser);
      await ana.context.grantPermissions(['notifications'], { origin: server.url });
      await ana.page.addInitScript(() => {
        const Real = window.Notification;
        const record = window as unknown as { __shown: Shown[]; __made: Notification[] };
        record.__shown = [];
        record.__made = [];
        class Recording extends Real {
          constructor(title: string, options?: NotificationOptions) {
            record.__shown.push({ title, body: options?.body ?? '', tag: options?.tag ?? '' });
            super(title, options);
            record.__made.push(this);
          }
        }
        window.Notification = Recording;
      });
      await signInThroughUi(ana.page, server, anaPhone);
      await setProfileName(ana.page, 'Ana Alves');
      ben = await signIn(server);
      await ben.trpc.me.update.mutate({ name: 'Ben Brown' });
    },
  });

  it('turns notifications on in Settings', async () => {
    await ana.page.getByRole('button', { name: 'Settings' }).click();
    await ana.page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: /^Notifications/ }).click();
    const settings = ana.page.getByRole('dialog', { name: 'Notifications' });
    const toggle = settings.getByRole('switch', { name: 'Show notifications' });
    await toggle.check();
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await settings.getByText('New messages and missed calls show a notification while this tab is open in the background.').waitFor();
    await screenshot(ana.page, 'notifications-settings');
    await settings.getByRole('button', { name: 'Close' }).click();
  });

  it('notifies about a message from someone new, with who and what', async () => {
    chatId = (await ben.trpc.chats.openDirect.mutate({ userId: await anaId() })).id;
    await ben.trpc.messages.send.mutate({ chatId, clientId: 'n1', text: 'Are you free tonight?' });
    await expect.poll(shown, { timeout: 10_000 }).toEqual([{ title: 'Ben Brown', body: 'Are you free tonight?', tag: chatId }]);
  });

  it('not for the chat Ana is reading, nor for a muted chat; a mention in a muted group still does', async () => {
    await ana.page.locator(`.chat-item[data-chat-id="${chatId}"]`).click();
    await ben.trpc.messages.send.mutate({ chatId, clientId: 'n2', text: 'I can see you typing' });
    await bubble(ana.page, 'I can see you typing').waitFor();

    await ana.page.getByRole('button', { name: 'Chat info' }).click();
    await ana.page.getByLabel('Mute notifications').selectOption({ label: 'Always' });
    await ana.page.locator(`.chat-item[data-chat-id="${chatId}"]`).getByRole('img', { name: 'Muted' }).waitFor();
    await ana.page.keyboard.press('Escape');
    // Away from the chat: muted, so still quiet.
    const group = (await ben.trpc.groups.create.mutate({ name: 'Dinner club', memberIds: [await anaId()] })).chat.id;
    await ana.page.locator(`.chat-item[data-chat-id="${group}"]`).click();
    await ben.trpc.messages.send.mutate({ chatId, clientId: 'n3', text: 'Quiet one' });
    await ana.page.locator(`.chat-item[data-chat-id="${chatId}"]`, { hasText: 'Quiet one' }).waitFor();

    // The group, muted too; Ana is back on the 1:1 chat.
    await ana.page.locator(`.chat-item[data-chat-id="${chatId}"]`).click();
    const anaSession = await signIn(server, anaPhone);
    await anaSession.trpc.chats.mute.mutate({ chatId: group, until: '2099-01-01T00:00:00.000Z' });
    await ana.page.locator(`.chat-item[data-chat-id="${group}"]`).getByRole('img', { name: 'Muted' }).waitFor();
    await ben.trpc.messages.send.mutate({ chatId: group, clientId: 'g1', text: 'Menu for Friday' });
    await ben.trpc.messages.send.mutate({ chatId: group, clientId: 'g2', text: '@Ana Alves can you book?', mentions: [await anaId()] });
    await expect.poll(shown, { timeout: 10_000 }).toHaveLength(2);
    expect((await shown())[1]).toEqual({ title: 'Dinner club', body: 'Ben Brown: @Ana Alves can you book?', tag: group });
    await anaSession.close();
    expect(ana.errors).toEqual([]);
  });

  it('a call missed while the tab is in the background: "Missed voice call from Ben Brown", unless the chat is muted', async () => {
    await ana.page.locator('.chat-item', { hasText: 'Dinner club' }).click();
    // Ana switches to another tab: this one loses focus. (Playwright lets every page think it has
    // focus; with that emulation off, the tab in front has it.)
    const cdp = await ana.context.newCDPSession(ana.page);
    await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
    const other = await ana.context.newPage();
    await other.bringToFront();
    await expect.poll(() => ana.page.evaluate(() => document.hasFocus())).toBe(false);
    const before = (await shown()).length;

    // The chat with Ben is muted ("Always", above): a call missed there stays quiet.
    const quiet = await ben.trpc.calls.start.mutate({ chatId, video: false });
    await ben.trpc.calls.end.mutate({ callId: quiet.callId });
    const anaSession = await signIn(server, anaPhone);
    await anaSession.trpc.chats.mute.mutate({ chatId, until: null });
    await ana.page.locator(`.chat-item[data-chat-id="${chatId}"]`).getByRole('img', { name: 'Muted' }).waitFor({ state: 'detached' });
    const missed = await ben.trpc.calls.start.mutate({ chatId, video: false });
    await ben.trpc.calls.end.mutate({ callId: missed.callId });
    // One notification: the unmuted call's, tagged by chat as its Web Push would be.
    await expect.poll(async () => (await shown()).slice(before), { timeout: 20_000 }).toEqual([{ title: 'Missed voice call from Ben Brown', body: '', tag: chatId }]);

    // With the server's "Messages" switch off, a missed one-to-one call shows nothing either.
    await anaSession.trpc.settings.update.mutate({ notifications: { messages: false } });
    const off = await ben.trpc.calls.start.mutate({ chatId, video: true });
    await ben.trpc.calls.end.mutate({ callId: off.callId });
    await anaSession.trpc.settings.update.mutate({ notifications: { messages: true } });
    const video = await ben.trpc.calls.start.mutate({ chatId, video: true });
    await ben.trpc.calls.end.mutate({ callId: video.callId });
    await expect.poll(async () => (await shown()).slice(before).map((n) => n.title), { timeout: 20_000 }).toEqual(['Missed voice call from Ben Brown', 'Missed video call from Ben Brown']);
    await anaSession.close();

    // A click on it opens the chat with Ben.
    await other.close();
    await ana.page.evaluate(() => (window as unknown as { __made: Notification[] }).__made.at(-1)!.dispatchEvent(new Event('click')));
    await ana.page.locator('.conversation__title', { hasText: 'Ben Brown' }).waitFor();
    await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: true });
    await cdp.detach();
    expect(ana.errors).toEqual([]);
  });

  it('a message request stays quiet: no notification, no count in the title, just the Message requests row', async () => {
    const anaSession = await signIn(server, anaPhone);
    await anaSession.trpc.settings.update.mutate({ privacy: { messageMe: 'contacts' } });
    const [cy, dee] = [await signIn(server), await signIn(server)];
    await cy.trpc.me.update.mutate({ name: 'Cy Stranger' });
    await dee.trpc.me.update.mutate({ name: 'Dee Friend' });
    await anaSession.trpc.contacts.add.mutate({ userId: dee.user.id });
    const before = await shown();
    const title = await ana.page.title();

    const fromCy = await cy.trpc.chats.openDirect.mutate({ userId: await anaId() });
    await cy.trpc.messages.send.mutate({ chatId: fromCy.id, clientId: 'r1', text: 'Hi, we met at the conference' });
    await expect.poll(() => ana.page.getByRole('button', { name: /^Message requests/ }).textContent()).toContain('1');
    expect(await ana.page.title()).toBe(title);
    // A contact's message right after is the witness: it notifies, and the request before it did not.
    const fromDee = await dee.trpc.chats.openDirect.mutate({ userId: await anaId() });
    await dee.trpc.messages.send.mutate({ chatId: fromDee.id, clientId: 'd1', text: 'Lunch tomorrow?' });
    await expect.poll(shown, { timeout: 10_000 }).toHaveLength(before.length + 1);
    expect((await shown()).slice(before.length)).toEqual([{ title: 'Dee Friend', body: 'Lunch tomorrow?', tag: fromDee.id }]);
    await expect.poll(() => ana.page.title()).not.toBe(title);
    await Promise.all([cy.close(), dee.close(), anaSession.close()]);
    expect(ana.errors).toEqual([]);
  });

  async function anaId(): Promise<string> {
    const found = await ben.trpc.users.lookup.mutate({ phones: [anaPhone] });
    return found[0]!.user!.id;
  }
});
