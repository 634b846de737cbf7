import { screenshotEverySize, type WatchedPage } from '@confab/testing/browser';
import { newPhone } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { bubble, sendMessage } from '@confab/testing/ui';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addPartyEmoticon, anaAndBenInOneChat, drawn } from './support/emoticon-pages';
import { webClientSuite } from './support/web-suite';

const pictures = (page: Page, name: string) => screenshotEverySize(page, `emoticon-reactions-${name}`);

/**
 * Custom emoticon reactions in two Chromium tabs: Ana reacts to Ben's message with her :party:
 * from the picker's "Mine" section (by keyboard), Ben sees its picture on the chip; she takes it
 * back, reacts again and deletes the emoticon: Ben's chip shows `:party:` as text.
 */
describe('reacting with a custom emoticon (Chromium)', () => {
  let server: TestServer, browser: Browser, ana: WatchedPage, ben: WatchedPage;
  const [anaPhone, benPhone] = [newPhone(), newPhone()];

  webClientSuite({
    name: 'emoticon-reactions',
    pages: () => [ana.page, ben.page],
    setup: async (s, b) => {
      [server, browser] = [s, b];
      [ana, ben] = await anaAndBenInOneChat(browser, server, anaPhone, benPhone);
      await sendMessage(ben.page, 'Launch is on Friday');
      await bubble(ana.page, 'Launch is on Friday').waitFor();
    },
  });

  async function openReactionPicker(page: Page) {
    const message = bubble(page, 'Launch is on Friday');
    await message.hover();
    await message.getByRole('button', { name: 'Message actions' }).click();
    await page.getByRole('menuitem', { name: 'More reactions' }).click();
    return page.getByRole('dialog', { name: 'Choose a reaction' });
  }

  const chipOn = (page: Page) => bubble(page, 'Launch is on Friday').locator('.reaction');

  it('Ana picks her :party: from "Mine" with the keyboard; Ben sees the picture on the chip', async () => {
    const page = ana.page;
    await addPartyEmoticon(page);

    const picker = await openReactionPicker(page);
    const mine = picker.getByRole('region', { name: 'Mine' });
    await drawn(mine.getByRole('button', { name: ':party:' }).locator('img'));
    await pictures(page, 'picker');
    // From the search field, the first thing below is my emoticon.
    await picker.getByLabel('Search emoji').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(':party:');
    await page.keyboard.press('Enter');
    await picker.waitFor({ state: 'detached' });

    const hers = ben.page.getByRole('img', { name: ':party: 1: Ana Alves' });
    await hers.waitFor();
    await expect(hers.getAttribute('title')).resolves.toBe(':party: · Ana Alves');
    await drawn(chipOn(ben.page).locator('img.reaction__emoticon'));
    await expect(chipOn(page).getByRole('img').count()).resolves.toBe(0);
    await pictures(ben.page, 'chip');
  });

  it('Ana takes it back from her chip; then reacts again and deletes the emoticon: Ben\'s chip shows :party: as text', async () => {
    const page = ana.page;
    await page.getByRole('button', { name: ':party: 1: You. Press to remove yours' }).click();
    await expect.poll(() => chipOn(ben.page).count()).toBe(0);

    const picker = await openReactionPicker(page);
    await picker.getByRole('region', { name: 'Mine' }).getByRole('button', { name: ':party:' }).click();
    await drawn(chipOn(ben.page).locator('img.reaction__emoticon'));

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: /^Stickers & emoticons/ }).click();
    const manager = page.getByRole('dialog', { name: 'Stickers & emoticons' });
    await manager.getByRole('button', { name: 'Delete :party:' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete :party:?' });
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');

    await expect.poll(() => chipOn(ben.page).textContent()).toBe(':party:');
    await expect(chipOn(ben.page).locator('img').count()).resolves.toBe(0);
    await pictures(ben.page, 'after-delete');
  });
});
