import { launchChromium, screenshot } from '@confab/testing/browser';
import { drawingPng } from '@confab/testing/media/images';
import { upload } from '@confab/testing/media/upload';
import { newPhone, signIn, type SignedInUser } from '@confab/testing/sign-in';
import { startTestServer, type TestServer } from '@confab/testing/test-server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDesktopHarness, type DesktopHarness } from './desktop-harness.js';
import { signInThroughDesktopUi } from './desktop-ui.js';

const loaded = (img: ReturnType<Page['locator']>) => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth);

/**
 * Desktop parity for custom emoticons: Ana uses the desktop app (core + cache in Node, the built
 * renderer in Chromium, the real preload and IPC); Ben uses the API. Ben's `:wave:` and his
 * sticker reach Ana through the core's cache and media; Ana makes an emoticon in Settings,
 * sends it as a sticker and as `:shortcut:`, and Ben gets both.
 */
describe('desktop app: custom emoticons and stickers', () => {
  let server: TestServer, browser: Browser, app: DesktopHarness, page: Page, ben: SignedInUser, anaId: string, chatId: string;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    app = await startDesktopHarness(browser, server.url);
    page = app.page;
    ben = await signIn(server);
    await ben.trpc.me.update.mutate({ name: 'Ben Brown' });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await browser?.close();
    await ben?.close();
    await server?.stop();
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await screenshot(page, `failed-desktop-emoticons-${task.name.replace(/\W+/g, '-').slice(0, 50)}`).catch(() => undefined);
  });

  it("shows Ben's :wave: inline and his sticker, from the core", async () => {
    await page.goto(app.url);
    anaId = await signInThroughDesktopUi(app, server, newPhone());
    const uploaded = await upload(server.url, ben.tokens.accessToken, new Uint8Array(await drawingPng('face')), { contentType: 'image/png', kind: 'image' });
    const wave = await ben.trpc.emoticons.create.mutate({ shortcut: 'wave', mediaId: uploaded.body.mediaId as string });
    chatId = (await ben.trpc.chats.openDirect.mutate({ userId: anaId })).id;
    await ben.trpc.messages.send.mutate({ chatId, clientId: 'w1', text: 'Hello :wave: Ana' });
    await ben.trpc.messages.send.mutate({ chatId, clientId: 's1', kind: 'sticker', mediaId: wave.mediaId });

    await page.locator(`.chat-item[data-chat-id="${chatId}"]`).click();
    const inline = page.locator('.msg[data-message-id]').filter({ hasText: 'Hello' }).locator('img.emoticon[alt=":wave:"]');
    await expect.poll(() => loaded(inline).catch(() => 0)).toBe(128);
    await expect.poll(() => loaded(page.locator('.msg--sticker img.sticker').last()).catch(() => 0)).toBe(128);
  });

  it('makes an emoticon in Settings and sends it as a sticker and as :shortcut:; Ben gets both', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: /^Stickers & emoticons/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Stickers & emoticons' });
    await dialog.getByTestId('emoticon-file').setInputFiles({ name: 'star.png', mimeType: 'image/png', buffer: await drawingPng('star') });
    await expect.poll(() => dialog.getByLabel('Shortcut').inputValue()).toBe('star');
    await dialog.getByRole('button', { name: 'Add emoticon' }).click();
    await dialog.getByRole('list', { name: 'Your emoticons' }).getByText(':star:').waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Emoji', exact: true }).click();
    const picker = page.getByRole('dialog', { name: 'Insert emoji or sticker' });
    await picker.getByRole('tab', { name: 'Stickers' }).click();
    await picker.getByRole('button', { name: 'Send sticker :star:' }).click();
    await page.keyboard.press('Escape');

    const box = page.getByRole('textbox', { name: /^Message / });
    await box.fill('Look :st');
    await expect.poll(() => page.getByRole('listbox', { name: 'Emoji and emoticons' }).getByRole('option').first().textContent()).toBe(':star:Yours');
    await box.press('Enter');
    await expect.poll(() => box.inputValue()).toBe('Look :star: ');
    await box.press('Enter');
    await page.locator('.msg--mine').filter({ hasText: 'Look' }).locator('img.emoticon[alt=":star:"]').waitFor();

    const mine = (await ben.trpc.emoticons.list.query()).length;
    expect(mine).toBe(1); // Ben's own; Ana's are hers
    await expect
      .poll(async () => {
        const { messages } = await ben.trpc.messages.history.query({ chatId, limit: 10 });
        return [...messages].sort((a, b) => a.seq - b.seq).filter((m) => m.senderId === anaId).map((m) => [m.kind, m.text, Object.keys((m.meta?.emoticons as object | undefined) ?? {})]);
      })
      .toEqual([
        ['sticker', null, []],
        ['text', 'Look :star:', ['star']],
      ]);
  });
});
