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
 * the page creates is recorded as it is made (the real Notification still runs).
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
        const record = window as unknown as { __shown: Shown[] };
        record.__shown = [];
        class Recording extends Real {
          constructor(title: string, options?: NotificationOptions) {
            record.__shown.push({ title, body: options?.body ?? '', tag: options?.tag ?? '' });
            super(title, options);
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
    await settings.getByText('New messages show a notification while this tab is open in the background.').waitFor();
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
