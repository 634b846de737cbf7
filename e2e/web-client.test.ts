import { createTestClient } from '@confab/testing/test-client';
import { newPhone, signIn } from '@confab/testing/sign-in';
import { type TestServer } from '@confab/testing/test-server';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { openWatchedPage, screenshot, type WatchedPage } from '@confab/testing/browser';
import { accessTokenOf, bubble, sendMessage, sessionOf, setProfileName, signInThroughUi, startChatByPhone } from '@confab/testing/ui';
import { webClientSuite } from './support/web-suite';

const XSS = '<img src=x onerror=alert(1)>';

/**
 * Two people in two browser tabs, using the web client the server serves at `/`: sign-in,
 * a chat opened by phone number, messages both ways live, search that jumps to an old message,
 * and markup in a message shown as text under a strict CSP.
 */
describe('web client in Chromium', () => {
  let server: TestServer, browser: Browser, alice: WatchedPage, bob: WatchedPage;
  const alicePhone = newPhone();
  const bobPhone = newPhone();

  webClientSuite({
    name: 'web',
    pages: () => [alice.page, bob.page],
    setup: async (s, b) => {
      [server, browser] = [s, b];
      alice = await openWatchedPage(browser);
      bob = await openWatchedPage(browser);
    },
  });

  it('serves the page with a strict Content-Security-Policy', async () => {
    const response = await alice.page.goto(server.url);
    expect(response?.status()).toBe(200);
    const csp = await alice.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self';");
    expect(csp).not.toContain('unsafe-inline');
    // The server's header narrows it: sockets to this server only, never inside a frame.
    const host = new URL(server.url).host;
    expect(response?.headers()['content-security-policy']).toContain(`connect-src 'self' ws://${host} wss://${host}`);
    expect(response?.headers()['x-frame-options']).toBe('DENY');
  });

  it('signs two people in through the sign-in screen', async () => {
    await signInThroughUi(alice.page, server, alicePhone);
    await signInThroughUi(bob.page, server, bobPhone);
    await setProfileName(alice.page, 'Alice Adams');
    await expect(alice.page.getByRole('heading', { name: 'Chats', exact: true }).isVisible()).resolves.toBe(true);
  });

  it('a wrong code gets a clear message', async () => {
    const stranger = await openWatchedPage(browser);
    try {
      const phone = newPhone();
      await stranger.page.goto(server.url);
      await stranger.page.getByLabel('Phone number').fill(phone);
      await stranger.page.getByRole('button', { name: 'Send code' }).click();
      const right = server.codes.get(phone)!;
      await stranger.page.getByLabel('6-digit code').fill(right === '000000' ? '111111' : '000000');
      await expect(stranger.page.getByRole('alert').textContent()).resolves.toContain('That code is wrong or has expired');
    } finally {
      await stranger.context.close();
    }
  });

  it('a rate-limited number is told how long to wait', async () => {
    const phone = newPhone();
    const anonymous = createTestClient(server.url);
    for (let i = 0; i < 5; i++) await anonymous.trpc.auth.requestCode.mutate({ phone });
    await anonymous.close();
    const stranger = await openWatchedPage(browser);
    try {
      await stranger.page.goto(server.url);
      await stranger.page.getByLabel('Phone number').fill(phone);
      await stranger.page.getByRole('button', { name: 'Send code' }).click();
      await expect(stranger.page.getByRole('alert').textContent()).resolves.toMatch(/^Too many codes requested for this number\. Try again in \d+ min\.$/);
    } finally {
      await stranger.context.close();
    }
  });

  it('opens a chat by phone number and messages arrive live both ways', async () => {
    await startChatByPhone(alice.page, bobPhone);
    await alice.page.getByRole('heading', { level: 2, name: bobPhone }).waitFor();

    await sendMessage(alice.page, 'Hello Bob, lunch at noon?');
    await bubble(alice.page, 'Hello Bob, lunch at noon?').waitFor();

    // Bob's list gains the chat, titled with Alice's new name, with an unread badge.
    const chatItem = bob.page.locator('.chat-item', { hasText: 'Alice Adams' });
    await chatItem.getByText('Hello Bob, lunch at noon?').waitFor();
    await expect(chatItem.getByLabel('1 unread message').isVisible()).resolves.toBe(true);
    await chatItem.click();
    await bubble(bob.page, 'Hello Bob, lunch at noon?').waitFor();

    // Bob has the chat open, so Alice's message shows as read.
    await bubble(alice.page, 'Hello Bob, lunch at noon?').locator('[data-delivery="read"]').waitFor();

    // Typing shows on the other side.
    await bob.page.getByRole('textbox', { name: /^Message / }).fill('Sounds');
    await alice.page.getByTestId('typing-indicator').waitFor();

    await sendMessage(bob.page, 'Sounds good, see you there');
    await bubble(alice.page, 'Sounds good, see you there').waitFor();
    await expect(alice.page.getByTestId('typing-indicator').count()).resolves.toBe(0);
  });

  it('shows markup in a message as text, with no script run and no CSP violation', async () => {
    await sendMessage(alice.page, XSS);
    for (const { page } of [alice, bob]) {
      const text = bubble(page, XSS).locator('.msg__text');
      await text.waitFor();
      await expect(text.textContent()).resolves.toBe(XSS);
      await expect(page.locator('.messages img').count()).resolves.toBe(0);
    }
    expect(alice.dialogs).toEqual([]);
    expect(bob.dialogs).toEqual([]);
  });

  it('reacts, replies, edits and deletes through the message menu, seen live on the other side', async () => {
    // Bob reacts to Alice's question and replies to it.
    await openMessageMenu(bob.page, 'Hello Bob, lunch at noon?');
    await bob.page.getByRole('menuitemradio', { name: 'React with 👍' }).click();
    await bubble(alice.page, 'Hello Bob, lunch at noon?').locator('.reaction', { hasText: '👍' }).waitFor();

    await openMessageMenu(bob.page, 'Hello Bob, lunch at noon?');
    await bob.page.getByRole('menuitem', { name: 'Reply' }).click();
    await bob.page.getByText('Reply to Alice Adams').waitFor();
    await sendMessage(bob.page, 'Noon works');
    await bubble(alice.page, 'Noon works').locator('.quote', { hasText: 'Hello Bob, lunch at noon?' }).waitFor();

    // Alice fixes a typo, then takes the message back for everyone.
    await sendMessage(alice.page, 'Typo mesage');
    await bubble(bob.page, 'Typo mesage').waitFor();
    await openMessageMenu(alice.page, 'Typo mesage');
    await alice.page.getByRole('menuitem', { name: 'Edit' }).click();
    const composer = alice.page.getByRole('textbox', { name: 'Edit message' });
    await composer.fill('Typo message fixed');
    await composer.press('Enter');
    await bubble(bob.page, 'Typo message fixed').getByText('edited').waitFor();

    await openMessageMenu(alice.page, 'Typo message fixed');
    await alice.page.getByRole('menuitem', { name: 'Delete…' }).click();
    await alice.page.getByRole('dialog', { name: 'Delete message?' }).getByRole('button', { name: 'Delete for everyone' }).click();
    await bob.page.getByTestId('message-list').getByText('This message was deleted').waitFor();
    await expect(bob.page.getByText('Typo message fixed').count()).resolves.toBe(0);
  });

  it('uploads a profile photo, which the other person then sees', async () => {
    const png = await sharp({ create: { width: 96, height: 96, channels: 3, background: '#e91e63' } }).png().toBuffer();
    await alice.page.getByRole('button', { name: 'Your profile' }).click();
    const dialog = alice.page.getByRole('dialog', { name: 'Your profile' });
    await dialog.locator('input[type="file"]').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: png });
    await dialog.getByText('Photo updated.').waitFor();
    await dialog.locator('img.avatar').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    // The change reaches Bob as a user.updated event; his list shows the photo.
    await bob.page.locator('.chat-item', { hasText: 'Alice Adams' }).locator('img.avatar').waitFor();
  });

  it('finds someone by the code under their QR code', async () => {
    await bob.page.getByRole('button', { name: 'Your profile' }).click();
    const profile = bob.page.getByRole('dialog', { name: 'Your profile' });
    await profile.getByRole('img', { name: /QR code/ }).waitFor();
    const code = (await profile.locator('.qr-card__code').textContent())!;
    await profile.getByRole('button', { name: 'Close' }).click();

    await alice.page.getByRole('button', { name: 'New chat' }).first().click();
    const panel = alice.page.getByRole('complementary', { name: 'New chat' });
    await panel.getByRole('option', { name: /^New contact/ }).click();
    await panel.getByRole('textbox', { name: 'QR code' }).fill(code);
    await panel.getByRole('button', { name: 'Start chat' }).click();
    await panel.waitFor({ state: 'hidden' });
    // The same 1:1 chat as before, not a second one.
    await bubble(alice.page, 'Noon works').waitFor();
    await expect(alice.page.locator('.chat-item').count()).resolves.toBe(1);
  });

  it('shows when it is offline, and a message that failed while offline can be sent again', async () => {
    await alice.context.setOffline(true);
    await alice.page.getByText('You are offline').waitFor();
    await sendMessage(alice.page, 'Sent from a tunnel');
    const failed = alice.page.locator('.msg--pending', { hasText: 'Sent from a tunnel' });
    await failed.getByRole('alert').waitFor();
    await alice.context.setOffline(false);
    await alice.page.locator('[data-connection="online"]').waitFor({ state: 'attached' });
    await failed.getByRole('button', { name: 'Retry' }).click();
    await bubble(bob.page, 'Sent from a tunnel').waitFor();
    await expect(bubble(alice.page, 'Sent from a tunnel').count()).resolves.toBe(1);
    // The browser logs the requests that failed while offline; those were expected.
    alice.errors = alice.errors.filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED'));
  });

  it('search finds an earlier message and jumps to it', async () => {
    // Enough newer messages that the first one has scrolled far out of view.
    const api = createTestClient(server.url, () => token);
    const token = await accessTokenOf(bob.page);
    const chatId = await alice.page.locator('.conversation').getAttribute('data-chat-id');
    for (let batch = 0; batch < 6; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, (_, j) => batch * 10 + j + 1).map((i) =>
          api.trpc.messages.send.mutate({ chatId: chatId!, clientId: `filler-${i}`, kind: 'text', text: `Filler message number ${i}` }),
        ),
      );
    }
    await api.close();
    await bubble(alice.page, 'Filler message number 60').waitFor();
    await expect(bubble(alice.page, 'Hello Bob, lunch at noon?').count()).resolves.toBe(0);

    await alice.page.keyboard.press('Control+k');
    const input = alice.page.getByRole('searchbox', { name: 'Search messages' });
    await alice.page.waitForFunction(() => document.activeElement?.id === 'search-input');
    await input.fill('lunch');
    const result = alice.page.locator('.search-result', { hasText: 'lunch' });
    await result.waitFor();
    await expect(result.locator('mark').first().textContent()).resolves.toBe('lunch');
    await result.click();

    const target = bubble(alice.page, 'Hello Bob, lunch at noon?');
    await alice.page.locator('.msg.is-highlighted', { hasText: 'Hello Bob, lunch at noon?' }).waitFor();
    await expect(target.isVisible()).resolves.toBe(true);
    await expect(target.evaluate((el) => el === document.activeElement)).resolves.toBe(true);

    await alice.page.keyboard.press('Escape');
    await alice.page.getByRole('complementary', { name: 'Search messages' }).waitFor({ state: 'detached' });

    // Far up in the history, one click leads back to the newest message.
    await alice.page.getByRole('button', { name: 'Scroll to the newest message' }).click();
    await bubble(alice.page, 'Filler message number 60').waitFor();
    await alice.page.getByRole('button', { name: 'Scroll to the newest message' }).waitFor({ state: 'detached' });
  });

  it('after a reload, scrolling up loads older pages and keeps the reader in place', async () => {
    await alice.page.reload();
    await alice.page.locator('.chat-item').first().click();
    await bubble(alice.page, 'Filler message number 60').waitFor();
    // The newest page (50) ends before the first message.
    await expect(bubble(alice.page, 'Hello Bob, lunch at noon?').count()).resolves.toBe(0);
    const list = alice.page.getByTestId('message-list');
    await list.evaluate((el) => el.scrollTo({ top: 0 }));
    await alice.page.locator('[data-testid="message-list"][data-has-more="false"][aria-busy="false"]').waitFor();
    // The older page went in above what was on screen; the view did not jump to its top.
    await expect(list.evaluate((el) => el.scrollTop)).resolves.toBeGreaterThan(200);
    await list.evaluate((el) => el.scrollTo({ top: 0 }));
    await bubble(alice.page, 'Hello Bob, lunch at noon?').waitFor();
    await alice.page.getByText('This is the beginning of your conversation.').waitFor();
  });

  it('saves a screenshot of each page and saw no CSP violation or error', async () => {
    await screenshot(alice.page, 'e2e-alice');
    await screenshot(bob.page, 'e2e-bob');
    for (const who of [alice, bob]) {
      expect(who.cspViolations).toEqual([]);
      expect(who.errors).toEqual([]);
    }
  });

  it('a session ended from elsewhere returns that tab to sign-in, with a notice', async () => {
    const { sessionId, accessToken } = await sessionOf(bob.page);
    const otherDevice = await signIn(server, bobPhone, 'Bob’s laptop');
    await otherDevice.trpc.auth.revokeSession.mutate({ sessionId });
    await otherDevice.close();
    await bob.page.getByText('Your session ended').waitFor();
    await bob.page.getByLabel('Phone number').waitFor();
    await expect(bob.page.evaluate(() => localStorage.getItem('confab.session'))).resolves.toBeNull();
    const stale = createTestClient(server.url, () => accessToken);
    await expect(stale.trpc.chats.list.query({})).rejects.toThrow();
    await stale.close();
  });

  it('signing out from settings ends the session on the server too', async () => {
    const accessToken = await accessTokenOf(alice.page);
    await alice.page.getByRole('button', { name: 'Settings' }).click();
    await alice.page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Sign out', exact: true }).click();
    await alice.page.getByLabel('Phone number').waitFor();
    const stale = createTestClient(server.url, () => accessToken);
    await expect(stale.trpc.chats.list.query({})).rejects.toThrow('Sign in again');
    await stale.close();
  });
});

async function openMessageMenu(page: Page, text: string): Promise<void> {
  const target = bubble(page, text);
  await target.hover();
  await target.getByRole('button', { name: 'Message actions' }).click();
  await page.getByRole('menu', { name: 'Message actions' }).waitFor();
}
