import { openWatchedPage, type WatchedPage } from '@confab/testing/browser';
import { drawingPng } from '@confab/testing/media/images';
import type { TestServer } from '@confab/testing/test-server';
import { bubble, sendMessage, setProfileName, signInThroughUi, startChatByPhone } from '@confab/testing/ui';
import type { Browser, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Ana and Ben, each in a 1280×800 page, signed in through the UI and named; Ana writes "Hi Ben"
 * and Ben has their chat open with it.
 */
export async function anaAndBenInOneChat(browser: Browser, server: TestServer, anaPhone: string, benPhone: string): Promise<[WatchedPage, WatchedPage]> {
  const ana = await openWatchedPage(browser, { width: 1280, height: 800 });
  const ben = await openWatchedPage(browser, { width: 1280, height: 800 });
  await signInThroughUi(ana.page, server, anaPhone);
  await setProfileName(ana.page, 'Ana Alves');
  await signInThroughUi(ben.page, server, benPhone);
  await setProfileName(ben.page, 'Ben Brown');
  await startChatByPhone(ana.page, benPhone);
  await sendMessage(ana.page, 'Hi Ben');
  await ben.page.locator('.chat-item', { hasText: 'Ana Alves' }).click();
  await bubble(ben.page, 'Hi Ben').waitFor();
  return [ana, ben];
}

/** Makes `:party:` from a drawn face in Settings → Stickers & emoticons, then closes the manager. */
export async function addPartyEmoticon(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: /^Stickers & emoticons/ }).click();
  const manager = page.getByRole('dialog', { name: 'Stickers & emoticons' });
  await manager.getByTestId('emoticon-file').setInputFiles({ name: 'party.png', mimeType: 'image/png', buffer: await drawingPng('face') });
  await manager.getByRole('button', { name: 'Add emoticon' }).click();
  await manager.getByRole('status').filter({ hasText: 'Added :party:' }).waitFor();
  await page.keyboard.press('Escape');
  await manager.waitFor({ state: 'detached' });
}

/** The picture has loaded and decoded (not a broken image). */
export const drawn = (picture: Locator) => expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
