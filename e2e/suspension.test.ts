import { newPhone, signIn, type SignedInUser } from '@confab/testing/sign-in';
import { createTestClient } from '@confab/testing/test-client';
import type { TestServer } from '@confab/testing/test-server';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openWatchedPage, screenshot, type WatchedPage } from '@confab/testing/browser';
import { accessTokenOf, bubble, completeSignIn, sendMessage, setProfileName, signInThroughUi } from '@confab/testing/ui';
import { webClientSuite } from './support/web-suite';

const sizes = { wide: { width: 1280, height: 800 }, narrow: { width: 360, height: 740 } } as const;
const themes = ['light', 'dark'] as const;

/**
 * A suspension as the suspended person lives it, in Chromium: Ben is reported; Mo, a moderator,
 * suspends him from the moderation page while Ben's tab is open on his chat with Ana. Ben's tab
 * says why at once and can no longer send; his old session is refused; signing in again is
 * refused with the same reason. Mo lifts the suspension; Ben signs in and chats again.
 */
describe('suspension in the web client', () => {
  let server: TestServer, ben: WatchedPage, mo: WatchedPage, ana: SignedInUser;
  const [benPhone, moPhone] = [newPhone(), newPhone()];
  let chatId = '';

  webClientSuite({
    name: 'suspension',
    env: { MODERATOR_PHONES: moPhone },
    pages: () => [ben.page, mo.page],
    setup: async (s, browser) => {
      server = s;
      [ben, mo] = [await openWatchedPage(browser, sizes.wide), await openWatchedPage(browser, sizes.wide)];
      ana = await signIn(server);
      await ana.trpc.me.update.mutate({ name: 'Ana Alves' });
      await signInThroughUi(ben.page, server, benPhone);
      await setProfileName(ben.page, 'Ben Brown');
      await signInThroughUi(mo.page, server, moPhone);
    },
    teardown: async () => void (await ana?.close()),
  });

  async function openModeration(page: Page) {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: /^Moderation/ }).click();
    return page.getByRole('dialog', { name: 'Moderation' });
  }

  it("a moderator suspends Ben: his open tab says so at once and cannot send; his session and a new sign-in are refused", async () => {
    const benId = (await ana.trpc.users.lookup.mutate({ phones: [benPhone] }))[0]!.user.id;
    chatId = (await ana.trpc.chats.openDirect.mutate({ userId: benId })).id;
    await ana.trpc.messages.send.mutate({ chatId, clientId: 'hi', text: 'Hi Ben' });
    await ben.page.locator('.chat-item', { hasText: 'Ana Alves' }).click();
    await bubble(ben.page, 'Hi Ben').waitFor();
    await sendMessage(ben.page, 'Pay me or else');
    await bubble(ben.page, 'Pay me or else').waitFor();
    const benToken = await accessTokenOf(ben.page);
    const reported = (await ana.trpc.messages.history.query({ chatId })).messages.find((m) => m.text === 'Pay me or else')!;
    await ana.trpc.users.report.mutate({ userId: benId, reason: 'Threats', messageIds: [reported.id] });

    const moderation = await openModeration(mo.page);
    const card = moderation.getByRole('listitem', { name: 'Report about Ben Brown' });
    await card.getByText('Pay me or else').waitFor();
    await card.getByRole('button', { name: 'Suspend user' }).click();
    await card.getByRole('group', { name: 'Confirm suspension' }).getByRole('button', { name: 'Suspend' }).click();
    await moderation.getByText('No reports are waiting.').waitFor();

    // Ben's tab, without his doing anything: the reason, no chats, no composer.
    await ben.page.getByRole('heading', { name: 'Your account is suspended' }).waitFor();
    await ben.page.getByRole('alert').getByText(/suspended for breaking Confab’s rules/).waitFor();
    expect(await ben.page.getByRole('textbox', { name: /^Message / }).count()).toBe(0);
    expect(await ben.page.locator('.chat-item').count()).toBe(0);
    for (const [size, viewport] of Object.entries(sizes)) {
      for (const theme of themes) {
        await ben.page.setViewportSize(viewport);
        await ben.page.emulateMedia({ colorScheme: theme });
        await screenshot(ben.page, `screens/suspended-${theme}-${size}`);
      }
    }
    await ben.page.setViewportSize(sizes.wide);
    await ben.page.emulateMedia({ colorScheme: 'light' });
    // What the tab held cannot send any more.
    const old = createTestClient(server.url, () => benToken);
    await expect(old.trpc.messages.send.mutate({ chatId, clientId: 'after', text: 'still here?' })).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    await old.close();

    // Signing in again is refused, with the reason.
    await ben.page.getByRole('button', { name: 'Back to sign in' }).click();
    await ben.page.getByLabel('Phone number').fill(benPhone);
    await ben.page.getByRole('button', { name: 'Send code' }).click();
    const codeInput = ben.page.getByLabel('6-digit code');
    await codeInput.waitFor();
    await codeInput.fill(server.codes.get(benPhone)!);
    await ben.page.getByRole('alert').getByText(/This account is suspended/).waitFor();
    // The browser logs the refused calls (the ended session's, the refused sign-in); nothing else went wrong.
    expect(ben.errors.filter((e) => !/Failed to load resource: the server responded with a status of (401|403)\b/.test(e))).toEqual([]);
  });

  it('lifting the suspension lets Ben sign in again and find his chat as he left it', async () => {
    const moderation = mo.page.getByRole('dialog', { name: 'Moderation' });
    await moderation.getByText('Resolved', { exact: true }).click();
    const card = moderation.getByRole('listitem', { name: 'Report about Ben Brown' });
    await card.getByText('Suspended', { exact: true }).waitFor();
    await card.getByRole('button', { name: 'Lift suspension' }).click();
    await expect.poll(() => card.getByText('Suspended', { exact: true }).count()).toBe(0);
    await mo.page.keyboard.press('Escape');

    await ben.page.goto(server.url);
    await completeSignIn(ben.page, server, benPhone);
    await ben.page.locator('.chat-item', { hasText: 'Ana Alves' }).click();
    await bubble(ben.page, 'Pay me or else').waitFor();
    await sendMessage(ben.page, 'Sorry about that');
    await expect.poll(async () => (await ana.trpc.messages.history.query({ chatId })).messages.map((m) => m.text)).toContain('Sorry about that');
  });
});
