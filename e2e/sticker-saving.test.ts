import { screenshotEverySize, type WatchedPage } from '@confab/testing/browser';
import { newPhone } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { sendMessage } from '@confab/testing/ui';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addPartyEmoticon, anaAndBenInOneChat, drawn } from './support/emoticon-pages';
import { webClientSuite } from './support/web-suite';

const pictures = (page: Page, name: string) => screenshotEverySize(page, `sticker-saving-${name}`);

/**
 * "Add to my stickers" in two Chromium tabs: Ana sends `:party:`, Ben adds it to his stickers
 * from the message's menu and sends it, as a sticker and in his text. Ana deletes hers: in Ben's
 * open chat (no reload) her old message shows `:party:` as text, while what Ben sent with his own
 * copy keeps the picture, and so do the stickers.
 */
describe('saving someone else\'s sticker (Chromium)', () => {
  let server: TestServer, browser: Browser, ana: WatchedPage, ben: WatchedPage;
  const [anaPhone, benPhone] = [newPhone(), newPhone()];

  webClientSuite({
    name: 'sticker-saving',
    pages: () => [ana.page, ben.page],
    setup: async (s, b) => {
      [server, browser] = [s, b];
      [ana, ben] = await anaAndBenInOneChat(browser, server, anaPhone, benPhone);
    },
  });

  it('Ben adds Ana\'s :party: from her message and sends it as a sticker and in his text', async () => {
    const page = ana.page;
    await addPartyEmoticon(page);
    await sendMessage(page, 'We did it :party:');

    const hers = ben.page.locator('.msg[data-message-id]').filter({ hasText: 'We did it' });
    await drawn(hers.locator('img.emoticon[alt=":party:"]'));
    await hers.hover();
    await hers.getByRole('button', { name: 'Message actions' }).click();
    await ben.page.getByRole('menuitem', { name: 'Add :party: to my stickers' }).waitFor();
    await pictures(ben.page, 'menu');
    await ben.page.getByRole('menuitem', { name: 'Add :party: to my stickers' }).click();
    const dialog = ben.page.getByRole('dialog', { name: 'Add to my stickers' });
    await expect.poll(() => dialog.getByLabel('Shortcut').inputValue()).toBe('party');
    await drawn(dialog.locator('.save-sticker__picture img'));
    await pictures(ben.page, 'dialog');
    await dialog.getByRole('button', { name: 'Add to my stickers' }).click();
    await dialog.getByRole('status').filter({ hasText: 'Added :party: to your stickers' }).waitFor();
    await pictures(ben.page, 'added');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });

    // His now: in the Stickers tab, and drawn in what he types.
    await ben.page.getByRole('button', { name: 'Emoji', exact: true }).click();
    const picker = ben.page.getByRole('dialog', { name: 'Insert emoji or sticker' });
    await picker.getByRole('tab', { name: 'Stickers' }).click();
    await picker.getByRole('group', { name: 'Your stickers' }).getByRole('button', { name: 'Send sticker :party:' }).click();
    await ben.page.keyboard.press('Escape');
    await picker.waitFor({ state: 'detached' });
    await drawn(page.locator('.msg--sticker img.sticker').last());
    await sendMessage(ben.page, 'Mine too :party:');
    await drawn(page.locator('.msg[data-message-id]').filter({ hasText: 'Mine too' }).locator('img.emoticon[alt=":party:"]'));
  });

  it('clicking someone\'s sticker offers to add it, with a free shortcut when the name is taken', async () => {
    // Ana still has her :party:, so Ben's sticker of the same picture would be :party-2: for her.
    const sticker = ana.page.locator('.msg--sticker[data-message-id]').last();
    await sticker.getByRole('button', { name: 'Add to my stickers' }).click();
    const dialog = ana.page.getByRole('dialog', { name: 'Add to my stickers' });
    await expect.poll(() => dialog.getByLabel('Shortcut').inputValue()).toBe('party-2');
    await pictures(ana.page, 'sticker-click');
    await dialog.getByRole('button', { name: 'Add to my stickers' }).click();
    // The same picture is already hers: the server says so instead of keeping two.
    await dialog.getByRole('alert').filter({ hasText: 'already one of yours: :party:' }).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('Ana deletes her :party:: Ben\'s open chat shows her old message as text at once, his own copy keeps drawing', async () => {
    const page = ana.page;
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: /^Stickers & emoticons/ }).click();
    const manager = page.getByRole('dialog', { name: 'Stickers & emoticons' });
    await manager.getByRole('button', { name: 'Delete :party:' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete :party:?' });
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');

    const hers = ben.page.locator('.msg[data-message-id]').filter({ hasText: 'We did it' });
    await expect.poll(() => hers.locator('.msg__text').textContent()).toMatch(/^We did it :party:/);
    await expect(hers.locator('img.emoticon').count()).resolves.toBe(0);
    await drawn(ben.page.locator('.msg[data-message-id]').filter({ hasText: 'Mine too' }).locator('img.emoticon[alt=":party:"]'));
    await drawn(ben.page.locator('.msg--sticker img.sticker').last());
    // Ana's own tab too.
    await expect.poll(() => page.locator('.msg[data-message-id]').filter({ hasText: 'We did it' }).locator('img.emoticon').count()).toBe(0);
    await pictures(ben.page, 'after-delete');
  });
});
