import { openWatchedPage, screenshot, type WatchedPage } from '@confab/testing/browser';
import { drawingPng } from '@confab/testing/media/images';
import { newPhone } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { bubble, sendMessage, setProfileName, signInThroughUi, startChatByPhone } from '@confab/testing/ui';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { webClientSuite } from './support/web-suite';

/** Light, dark and 360 px pictures of what the page shows now. */
async function pictures(page: Page, name: string) {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await screenshot(page, `emoticons-${name}-${theme}`);
  }
  const wide = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 740 });
  await screenshot(page, `emoticons-${name}-360`);
  if (wide) await page.setViewportSize(wide);
  await page.emulateMedia({ colorScheme: 'light' });
}

/**
 * Custom emoticons in two Chromium tabs: Ana makes them from pictures in Settings, types one as
 * `:party:` through the composer's suggestions and Ben sees the picture in the text; she sends
 * another from the Stickers tab and Ben sees the sticker; she deletes one and it is text again.
 */
describe('custom emoticons and stickers (Chromium)', () => {
  let server: TestServer, browser: Browser, ana: WatchedPage, ben: WatchedPage;
  const [anaPhone, benPhone] = [newPhone(), newPhone()];
  const composer = (page: Page) => page.getByRole('textbox', { name: /^Message / });
  const settings = (page: Page) => page.getByRole('dialog', { name: 'Stickers & emoticons' });
  const fileInput = (page: Page) => settings(page).getByTestId('emoticon-file');

  webClientSuite({
    name: 'emoticons',
    pages: () => [ana.page, ben.page],
    setup: async (s, b) => {
      [server, browser] = [s, b];
      [ana, ben] = [await openWatchedPage(browser, { width: 1280, height: 800 }), await openWatchedPage(browser, { width: 1280, height: 800 })];
      await signInThroughUi(ana.page, server, anaPhone);
      await setProfileName(ana.page, 'Ana Alves');
      await signInThroughUi(ben.page, server, benPhone);
      await setProfileName(ben.page, 'Ben Brown');
      await startChatByPhone(ana.page, benPhone);
      await sendMessage(ana.page, 'Hi Ben');
      await ben.page.locator('.chat-item', { hasText: 'Ana Alves' }).click();
      await bubble(ben.page, 'Hi Ben').waitFor();
    },
  });

  it('makes emoticons from pictures in Settings, refusing a wrong file, a too-big one, a bad or taken shortcut', async () => {
    const page = ana.page;
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: /^Stickers & emoticons/ }).click();
    const dialog = settings(page);
    await dialog.getByText('No emoticons yet').waitFor();
    await pictures(page, 'manager-empty');

    await fileInput(page).setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await dialog.getByRole('alert').filter({ hasText: 'Choose a PNG, JPEG, GIF or WebP image' }).waitFor();
    await fileInput(page).setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(6 * 1024 * 1024, 1) });
    await dialog.getByRole('alert').filter({ hasText: /This image is 6(\.0)? MB; an emoticon is made from an image of up to 5 MB/ }).waitFor();

    // The shortcut is suggested from the file name; the server resizes the picture.
    await fileInput(page).setInputFiles({ name: 'Party.png', mimeType: 'image/png', buffer: await drawingPng('face') });
    await expect.poll(() => dialog.getByLabel('Shortcut').inputValue()).toBe('party');
    await dialog.getByRole('button', { name: 'Add emoticon' }).click();
    await dialog.getByRole('status').filter({ hasText: 'Added :party:' }).waitFor();
    const list = dialog.getByRole('list', { name: 'Your emoticons' });
    await list.getByText(':party:').waitFor();
    await expect.poll(() => list.locator('img').first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(128);

    // A taken shortcut and a malformed one are refused beside the field, before anything is uploaded.
    await fileInput(page).setInputFiles({ name: 'star.png', mimeType: 'image/png', buffer: await drawingPng('star') });
    const shortcut = dialog.getByLabel('Shortcut');
    await shortcut.fill(':Party:');
    await dialog.getByRole('button', { name: 'Add emoticon' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'You already have :party:' }).waitFor();
    await expect(shortcut.getAttribute('aria-invalid')).resolves.toBe('true');
    await shortcut.fill('two words');
    await dialog.getByRole('button', { name: 'Add emoticon' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'letters, digits, _, + and - only' }).waitFor();
    await shortcut.fill('star');
    await shortcut.press('Enter');
    await list.getByText(':star:').waitFor();
    await dialog.getByText('2 of 200').waitFor();
    await pictures(page, 'manager');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('suggests :par… as my :party: first, Enter inserts it, and Ben sees the picture in the text', async () => {
    const page = ana.page;
    await composer(page).fill('We did it :par');
    const suggestions = page.getByRole('listbox', { name: 'Emoji and emoticons' });
    await suggestions.waitFor();
    const options = suggestions.getByRole('option');
    await expect.poll(() => options.first().textContent()).toMatch(/^:party:Yours$/);
    // Standard emoji follow, by name (🎉 party popper).
    await expect.poll(() => options.allTextContents()).toContain('🎉:party_popper:');
    await expect(options.first().getAttribute('aria-selected')).resolves.toBe('true');
    await pictures(page, 'autocomplete');
    await composer(page).press('ArrowDown');
    await expect.poll(() => options.nth(1).getAttribute('aria-selected')).toBe('true');
    await composer(page).press('ArrowUp');
    await composer(page).press('Enter');
    await expect.poll(() => composer(page).inputValue()).toBe('We did it :party: ');
    await suggestions.waitFor({ state: 'detached' });

    // A standard emoji goes in as itself, with Tab; Esc closes the list and leaves the text.
    await composer(page).pressSequentially('and :thumbs_u');
    await suggestions.waitFor();
    await composer(page).press('Tab');
    await expect.poll(async () => (await composer(page).inputValue()).replace(/\uFE0F/g, '')).toBe('We did it :party: and 👍 ');
    await composer(page).pressSequentially(':st');
    await suggestions.waitFor();
    await composer(page).press('Escape');
    await suggestions.waitFor({ state: 'detached' });
    await composer(page).press('Backspace');
    await composer(page).press('Backspace');
    await composer(page).press('Backspace');
    await composer(page).press('Enter');

    const sent = ben.page.locator('.msg[data-message-id]').filter({ hasText: 'We did it' });
    const picture = sent.locator('.msg__text img.emoticon[alt=":party:"]');
    await picture.waitFor();
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await expect.poll(() => sent.locator('.msg__text').textContent()).toMatch(/^We did it\s+and 👍\uFE0F?/);
    await ana.page.locator('.msg[data-message-id]').filter({ hasText: 'We did it' }).locator('img.emoticon[alt=":party:"]').waitFor();

    // On its own it is drawn large, as a lone emoji is.
    await sendMessage(ana.page, ':star:');
    await ben.page.locator('.msg__text img.emoticon--large[alt=":star:"]').waitFor();
    await pictures(ben.page, 'inline');
  });

  it('sends a sticker from the Stickers tab beside the emoji, and Ben sees it', async () => {
    const page = ana.page;
    await page.getByRole('button', { name: 'Emoji', exact: true }).click();
    const picker = page.getByRole('dialog', { name: 'Insert emoji or sticker' });
    await picker.getByRole('tab', { name: 'Stickers' }).click();
    const tray = picker.getByRole('group', { name: 'Your stickers' });
    await tray.getByRole('button', { name: 'Send sticker :star:' }).waitFor();
    await expect.poll(() => tray.locator('img').first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await pictures(page, 'tray');
    await tray.getByRole('button', { name: 'Send sticker :star:' }).click();

    const sticker = ben.page.locator('.msg--sticker[data-message-id]').last();
    await sticker.getByRole('img', { name: 'Sticker' }).waitFor();
    await expect.poll(() => sticker.locator('img.sticker').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(128);
    // The tray stays open for another; Esc closes it.
    await tray.waitFor();
    await page.keyboard.press('Escape');
    await picker.waitFor({ state: 'detached' });

    // Opened again, it is on Stickers, with the keyboard on the first one: Enter sends it.
    await page.getByRole('button', { name: 'Emoji', exact: true }).click();
    await expect.poll(() => picker.getByRole('tab', { name: 'Stickers' }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Send sticker :star:');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Send sticker :party:');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Send sticker :star:');
    await page.keyboard.press('Enter');
    await expect.poll(() => ben.page.locator('.msg--sticker img.sticker').count()).toBe(2);
    await page.keyboard.press('Escape');
    await picker.waitFor({ state: 'detached' });
    await ben.page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(ben.page, 'emoticons-sticker-received-dark');
    await ben.page.emulateMedia({ colorScheme: 'light' });
    await screenshot(ben.page, 'emoticons-sticker-received-light');
  });

  it('deletes an emoticon after asking: its :party: is text again for Ben, and new messages carry no picture', { timeout: 120_000 }, async () => {
    const page = ana.page;
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: /^Stickers & emoticons/ }).click();
    const dialog = settings(page);
    await dialog.getByRole('button', { name: 'Delete :party:' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete :party:?' });
    await confirm.getByText('Messages that used it will show :party: as text').waitFor();
    await pictures(page, 'delete-confirm');
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    await dialog.getByRole('list', { name: 'Your emoticons' }).getByText(':party:').waitFor({ state: 'detached' });
    await dialog.getByText(':star:').waitFor();
    await page.keyboard.press('Escape');

    // Ben opens the chat again (a new tab's worth of pictures): the message shows the shortcut.
    await ben.page.reload();
    await ben.page.locator('.chat-item', { hasText: 'Ana Alves' }).click();
    const old = ben.page.locator('.msg[data-message-id]').filter({ hasText: 'We did it' });
    await expect.poll(() => old.locator('.msg__text').textContent(), { timeout: 30_000 }).toMatch(/^We did it :party: and/);
    await expect(old.locator('img.emoticon').count()).resolves.toBe(0);
    // The sticker already sent stays.
    await ben.page.locator('.msg--sticker img.sticker').last().waitFor();

    // Gone from the suggestions too.
    await composer(page).fill('again :par');
    await expect.poll(() => page.getByRole('listbox', { name: 'Emoji and emoticons' }).getByRole('option').allTextContents()).toContain('🎉:party_popper:');
    await expect(page.getByRole('option', { name: /Yours/ }).count()).resolves.toBe(0);
    await composer(page).pressSequentially('ty:');
    await composer(page).press('Enter');
    await bubble(ben.page, 'again :party:').waitFor();
    await expect(bubble(ben.page, 'again :party:').locator('img').count()).resolves.toBe(0);
  });
});
