import { readFileSync } from 'node:fs';
import { newPhone } from '@confab/testing/sign-in';
import { type TestServer } from '@confab/testing/test-server';
import { type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { FAKE_MEDIA_DEVICES, openWatchedPage, screenshot, type WatchedPage } from '@confab/testing/browser';
import { bubble, sendMessage, setProfileName, signInThroughUi, startChatByPhone } from '@confab/testing/ui';
import { webClientSuite } from './support/web-suite';

const DOC_NAME = 'Trip plan.txt';
const DOC_BYTES = Buffer.from('Day 1: Lisbon\nDay 2: Porto\nDay 3: home\n', 'utf8');

/**
 * Media through the web client, two people in two tabs: a photo and a file sent with the
 * paperclip, the photo's thumbnail and lightbox and the file's download on the other side,
 * a reaction and a reply on the photo, and the photo in the chat-info gallery.
 */
describe('media messages in Chromium', () => {
  let server: TestServer, browser: Browser, alice: WatchedPage, bob: WatchedPage, png: Buffer;
  const alicePhone = newPhone();
  const bobPhone = newPhone();

  webClientSuite({
    name: 'media',
    pages: () => [alice.page, bob.page],
    // A fake microphone for voice notes.
    chromiumArgs: FAKE_MEDIA_DEVICES,
    setup: async (s, b) => {
      [server, browser] = [s, b];
      alice = await openWatchedPage(browser);
      bob = await openWatchedPage(browser, { colorScheme: 'dark' });
      png = await sharp({ create: { width: 640, height: 400, channels: 3, background: '#2f9e77' } })
        .composite([{ input: await sharp({ create: { width: 200, height: 200, channels: 3, background: '#f5c518' } }).png().toBuffer(), left: 220, top: 100 }])
        .png()
        .toBuffer();
      await signInThroughUi(alice.page, server, alicePhone);
      await signInThroughUi(bob.page, server, bobPhone);
      await setProfileName(alice.page, 'Alice Adams');
      await startChatByPhone(alice.page, bobPhone);
      await sendMessage(alice.page, 'Photos from the trip coming up');
      await bob.page.locator('.chat-item', { hasText: 'Alice Adams' }).click();
      await bubble(bob.page, 'Photos from the trip coming up').waitFor();
    },
  });

  it('sends a photo with a caption through the file chooser; the other side sees its thumbnail and opens the lightbox', async () => {
    await alice.page.getByRole('textbox', { name: /^Message / }).fill('The harbour');
    await pickFile(alice.page, 'Photos and videos', { name: 'harbour.png', mimeType: 'image/png', buffer: png });

    const mine = alice.page.locator('.msg--image[data-message-id]');
    await mine.locator('img.media-thumb__img').waitFor();
    await expect(mine.locator('.msg__text').textContent()).resolves.toBe('The harbour');
    // The caption went with the photo: the box is empty again.
    await expect(alice.page.getByRole('textbox', { name: /^Message / }).inputValue()).resolves.toBe('');

    const theirs = bob.page.locator('.msg--image[data-message-id]');
    const thumb = theirs.locator('img.media-thumb__img');
    await thumb.waitFor();
    await expect(thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).resolves.toBe(true);
    // The server's thumbnail, not the 640 px original.
    await expect(thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).resolves.toBeLessThanOrEqual(640);

    await theirs.getByRole('button', { name: 'Open photo' }).click();
    const lightbox = bob.page.getByRole('dialog', { name: 'Photo 1 of 1' });
    await lightbox.locator('img.lightbox__media').waitFor();
    await expect(lightbox.locator('img.lightbox__media').evaluate((img: HTMLImageElement) => img.naturalWidth)).resolves.toBe(640);
    await screenshot(bob.page, 'media-lightbox-dark');
    await bob.page.keyboard.press('Escape');
    await lightbox.waitFor({ state: 'hidden' });
  });

  it('sends a document; the other side sees its name, size and type and downloads the same bytes', async () => {
    await pickFile(alice.page, 'Document', { name: DOC_NAME, mimeType: 'text/plain', buffer: DOC_BYTES });
    const card = bob.page.locator('.msg--document[data-message-id] .doc-card');
    await card.getByText(DOC_NAME).waitFor();
    await expect(card.locator('.doc-card__details').textContent()).resolves.toBe(`${DOC_BYTES.length} B · TXT`);

    const link = card.getByRole('link', { name: `Download ${DOC_NAME}` });
    await link.waitFor();
    await expect(link.getAttribute('download')).resolves.toBe(DOC_NAME);
    // A real download, as a click saves it (the page's CSP would refuse a script fetching the link).
    const download = bob.page.waitForEvent('download');
    await link.click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe(DOC_NAME);
    expect(readFileSync((await saved.path())!).equals(DOC_BYTES)).toBe(true);
    await screenshot(bob.page, 'media-conversation-dark');
    await screenshot(alice.page, 'media-conversation-light');
  });

  it('reacts to and replies to the photo through the message menu', async () => {
    const photo = bob.page.locator('.msg--image[data-message-id]');
    await photo.hover();
    await photo.getByRole('button', { name: 'Message actions' }).click();
    await bob.page.getByRole('menuitemradio', { name: 'React with 👍' }).click();
    await alice.page.locator('.msg--image[data-message-id] .reaction', { hasText: '👍' }).waitFor();

    await photo.hover();
    await photo.getByRole('button', { name: 'Message actions' }).click();
    await bob.page.getByRole('menuitem', { name: 'Reply' }).click();
    await bob.page.getByText('Reply to Alice Adams').waitFor();
    await sendMessage(bob.page, 'Gorgeous light!');
    const reply = bubble(alice.page, 'Gorgeous light!');
    await reply.waitFor();
    await expect(reply.locator('.quote').textContent()).resolves.toContain('The harbour');
  });

  it('shows message info (delivered and read) and forwards a file', async () => {
    const photo = alice.page.locator('.msg--image[data-message-id]');
    await photo.hover();
    await photo.getByRole('button', { name: 'Message actions' }).click();
    await alice.page.getByRole('menuitem', { name: 'Message info' }).click();
    const info = alice.page.getByRole('dialog', { name: 'Message info' });
    const row = info.getByRole('row', { name: /^\+\d+|Member/ });
    await row.waitFor();
    // Bob has the chat open: delivered and read both have a time.
    await expect(row.locator('td').allTextContents()).resolves.toEqual([expect.stringMatching(/\d\d:\d\d/), expect.stringMatching(/\d\d:\d\d/)]);
    await screenshot(alice.page, 'message-info-light');
    await alice.page.keyboard.press('Escape');

    const doc = alice.page.locator('.msg--document[data-message-id]').first();
    await doc.hover();
    await doc.getByRole('button', { name: 'Message actions' }).click();
    await alice.page.getByRole('menuitem', { name: 'Forward…' }).click();
    const dialog = alice.page.getByRole('dialog', { name: 'Forward message' });
    await dialog.getByRole('checkbox').first().check();
    await dialog.getByRole('button', { name: 'Forward' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await bob.page.locator('.msg--document[data-message-id]', { hasText: 'Forwarded' }).getByText(DOC_NAME).waitFor();
  });

  it('records a voice note with the microphone button; the other side gets a player', async () => {
    await alice.page.getByRole('button', { name: 'Record a voice message' }).click();
    const recording = alice.page.getByRole('group', { name: 'Recording a voice message' });
    await recording.getByTestId('voice-duration').filter({ hasText: /^0:0[1-9]$/ }).waitFor();
    await screenshot(alice.page, 'voice-recording-light');
    await recording.getByRole('button', { name: 'Send voice message' }).click();
    await recording.waitFor({ state: 'hidden' });
    const voice = bob.page.locator('.msg--voice[data-message-id]');
    await voice.locator('audio').waitFor({ state: 'attached' });
    await expect(voice.getByText('Voice message').count()).resolves.toBeGreaterThan(0);
  });

  it('shows the photo in the chat-info gallery; Esc closes the panel', async () => {
    // Alice has the page open: Bob's header says she is online.
    await bob.page.getByTestId('presence').filter({ hasText: /^online$/ }).waitFor();
    await bob.page.getByRole('button', { name: 'Chat info' }).click();
    const panel = bob.page.getByRole('complementary', { name: 'Chat info' });
    await panel.getByRole('heading', { name: 'Contact info' }).waitFor();
    const item = panel.getByTestId('shared-media').getByRole('button', { name: /^Photo from / });
    await item.locator('img').waitFor();
    await expect(item.count()).resolves.toBe(1);
    await panel.getByRole('tab', { name: 'Documents' }).click();
    // The file and its forwarded copy.
    await panel.getByTestId('shared-media').getByText(DOC_NAME).nth(1).waitFor();
    await panel.getByRole('tab', { name: 'Photos' }).click();

    await panel.getByRole('tab', { name: 'Documents' }).click();
    await panel.getByTestId('shared-media').getByText(DOC_NAME).first().waitFor();
    await screenshot(bob.page, 'chat-info-dark');

    await bob.page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });

    await alice.page.getByRole('button', { name: 'Chat info' }).click();
    await alice.page.getByRole('complementary', { name: 'Chat info' }).getByTestId('shared-media').getByRole('button', { name: /^Photo from / }).locator('img').waitFor();
    await screenshot(alice.page, 'chat-info-light');
    await alice.page.keyboard.press('Escape');

    // A phone-sized window: the panel covers the conversation.
    await bob.page.setViewportSize({ width: 360, height: 740 });
    await screenshot(bob.page, 'media-conversation-360-dark');
    await bob.page.getByRole('button', { name: 'Chat info' }).click();
    await screenshot(bob.page, 'chat-info-360-dark');
    await bob.page.keyboard.press('Escape');

    expect(alice.errors).toEqual([]);
    expect(bob.errors).toEqual([]);
    expect([...alice.cspViolations, ...bob.cspViolations]).toEqual([]);
  });
});

async function pickFile(page: Page, choice: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  await page.getByRole('button', { name: 'Attach a file' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('menuitem', { name: choice }).click();
  await (await chooser).setFiles(file);
}
