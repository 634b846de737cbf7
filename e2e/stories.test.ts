import { openWatchedPage, screenshot, type WatchedPage } from '@confab/testing/browser';
import { pngImage } from '@confab/testing/media/images';
import { hasFfmpeg, webmVideo } from '@confab/testing/media/media-files';
import { newPhone, signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { bubble, setProfileName, signInThroughUi } from '@confab/testing/ui';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { webClientSuite } from './support/web-suite';

/** Light and dark pictures of what the page shows now, at 1280 px and at 360 px. */
async function pictures(page: Page, name: string) {
  const wide = page.viewportSize();
  for (const [width, height] of [[1280, 800], [360, 740]] as const) {
    await page.setViewportSize({ width, height });
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await screenshot(page, `stories-${name}-${width === 360 ? '360-' : ''}${theme}`);
    }
  }
  if (wide) await page.setViewportSize(wide);
  await page.emulateMedia({ colorScheme: 'light' });
}

/** How far each progress bar of the open viewer is filled (0–100). */
const bars = (page: Page) => page.locator('.story-viewer__fill').evaluateAll((fills) => fills.map((f) => parseFloat((f as HTMLElement).style.width)));

/** Ana posts a status in one page, Ben sees the ring and watches it in another, Ana sees Ben among the viewers. */
describe('stories in the web client (Chromium)', () => {
  let server: TestServer, browser: Browser, ana: WatchedPage, ben: WatchedPage;
  let anaApi: SignedInUser, benApi: SignedInUser;
  const [anaPhone, benPhone] = [newPhone(), newPhone()];

  webClientSuite({
    name: 'stories',
    pages: () => [ana.page, ben.page],
    teardown: async () => void (await Promise.all([anaApi?.close(), benApi?.close()])),
    setup: async (s, b) => {
      [server, browser] = [s, b];
      [ana, ben] = [await openWatchedPage(browser), await openWatchedPage(browser)];
      await signInThroughUi(ana.page, server, anaPhone);
      await setProfileName(ana.page, 'Ana Alves');
      await signInThroughUi(ben.page, server, benPhone);
      await setProfileName(ben.page, 'Ben Brown');
      // Stories go to contacts both ways; set up over the API (the contacts screen is not this test's).
      [anaApi, benApi] = [await signIn(server, anaPhone, 'api'), await signIn(server, benPhone, 'api')];
      await anaApi.trpc.contacts.add.mutate({ userId: benApi.user.id });
      await benApi.trpc.contacts.add.mutate({ userId: anaApi.user.id });
    },
  });

  it('posts a text status with a colour', async () => {
    await ana.page.getByRole('button', { name: 'New status update' }).click();
    const composer = ana.page.getByRole('dialog', { name: 'New status update' });
    await composer.getByLabel('Text').fill('Off to the mountains');
    await composer.getByLabel('Colour #7c3aed').check();
    await composer.getByLabel('Font').selectOption('serif');
    await pictures(ana.page, 'composer');
    await composer.getByRole('button', { name: 'Post' }).click();
    await composer.waitFor({ state: 'hidden' });
    await ana.page.getByRole('button', { name: 'My status, 1 update' }).waitFor();
  });

  it('shows the ring in the other page, and plays the status full screen', async () => {
    const ring = ben.page.getByRole('button', { name: 'Ana Alves, new status' });
    await ring.waitFor({ timeout: 20_000 });
    await pictures(ben.page, 'ring-row');
    await ring.click();
    const viewer = ben.page.getByRole('dialog', { name: "Ana Alves's status, 1 of 1" });
    await viewer.getByText('Off to the mountains').waitFor();
    // Holding pauses (Space toggles it from the keyboard).
    await ben.page.keyboard.press('Space');
    await viewer.getByText('Paused').waitFor();
    await pictures(ben.page, 'viewer');
    await viewer.getByLabel('Reply to Ana Alves').fill('Have fun!');
    await viewer.getByRole('button', { name: 'Send reply' }).click();
    await viewer.getByText('Reply sent to Ana Alves').waitFor();
    await ben.page.keyboard.press('Escape');
    await ben.page.getByRole('button', { name: 'Ana Alves, viewed status' }).waitFor();
  });

  it('lets the author see who viewed it, and the reply in the bell', async () => {
    await ana.page.getByRole('button', { name: 'My status, 1 update' }).click();
    const viewer = ana.page.getByRole('dialog', { name: 'My status, 1 of 1' });
    await viewer.getByRole('button', { name: '1 view' }).click();
    const viewers = ana.page.getByRole('dialog', { name: 'Viewed by 1' });
    await viewers.getByText('Ben Brown').waitFor();
    await pictures(ana.page, 'viewers');
    await ana.page.keyboard.press('Escape');
    await ana.page.keyboard.press('Escape');

    const bell = ana.page.getByRole('button', { name: 'Notifications, 1 unread' });
    await bell.waitFor({ timeout: 20_000 });
    await bell.click();
    const centre = ana.page.getByRole('dialog', { name: 'Notifications' });
    await centre.getByText('Ben Brown replied to your status').waitFor();
    await pictures(ana.page, 'notification-centre');
    await centre.getByText('Ben Brown replied to your status').click();
    await centre.waitFor({ state: 'hidden' });
    await bubble(ana.page, 'Have fun!').waitFor();
    await expect.poll(() => ana.page.getByRole('button', { name: 'Notifications', exact: true }).count()).toBe(1);
  });

  it.skipIf(!hasFfmpeg)('posts a photo with a caption and a video', async () => {
    // Back on the chat list (the bell opened a chat), where the status row is at every width.
    await ana.page.setViewportSize({ width: 360, height: 740 });
    await ana.page.getByRole('button', { name: 'Back to chats' }).click();
    await ana.page.setViewportSize({ width: 1280, height: 800 });
    const post = async (file: { name: string; mimeType: string; buffer: Buffer }, caption: string, updates: number) => {
      // A minute after the one before (the test server's clock stands still unless moved).
      server.clock.advance(60_000);
      await ana.page.getByRole('button', { name: 'New status update' }).click();
      const composer = ana.page.getByRole('dialog', { name: 'New status update' });
      await composer.locator('input[type="file"]').setInputFiles(file);
      const picked = `${file.mimeType.startsWith('video/') ? 'Video' : 'Photo'}: ${file.name}`;
      await composer.getByText(picked).waitFor();
      // The picked file shows before it is posted.
      if (file.mimeType.startsWith('image/')) await expect.poll(() => composer.getByRole('img', { name: picked }).evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(640);
      else await expect.poll(() => composer.locator('video').evaluate((el) => (el as HTMLVideoElement).readyState)).toBeGreaterThanOrEqual(1);
      await composer.getByLabel('Caption').fill(caption);
      if (updates === 2) await pictures(ana.page, 'composer-photo');
      await composer.getByRole('button', { name: 'Post' }).click();
      await composer.waitFor({ state: 'hidden' });
      await ana.page.getByRole('button', { name: `My status, ${updates} updates` }).waitFor();
    };
    await post({ name: 'summit.png', mimeType: 'image/png', buffer: await pngImage(640, 480, '#2f9e77') }, 'At the summit', 2);
    await post({ name: 'descent.webm', mimeType: 'video/webm', buffer: webmVideo(8) }, 'On the way down', 3);
  });

  it.skipIf(!hasFfmpeg)('the other page shows the photo and plays the video; arrows move between updates', async () => {
    const ring = ben.page.getByRole('button', { name: 'Ana Alves, new status, 3 updates' });
    await ring.waitFor({ timeout: 20_000 });
    await ring.click();
    // It opens at the first update Ben has not seen: the photo.
    const photo = ben.page.getByRole('dialog', { name: "Ana Alves's status, 2 of 3" });
    await photo.getByText('At the summit').waitFor();
    const img = photo.getByRole('img', { name: 'At the summit' });
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(640);
    // The first bar is full, the photo's fills as it shows, the video's is empty.
    await expect.poll(async () => (await bars(ben.page))[1]).toBeGreaterThan(0);
    const [first, , third] = await bars(ben.page);
    expect([first, third]).toEqual([100, 0]);
    await ben.page.keyboard.press('Space');
    await photo.getByText('Paused').waitFor();
    await pictures(ben.page, 'viewer-photo');
    await ben.page.keyboard.press('Space');

    await ben.page.keyboard.press('ArrowRight');
    const video = ben.page.getByRole('dialog', { name: "Ana Alves's status, 3 of 3" });
    await video.getByText('On the way down').waitFor();
    const player = video.locator('video');
    await expect.poll(() => player.evaluate((el) => (el as HTMLVideoElement).readyState)).toBeGreaterThanOrEqual(2);
    // It plays: time moves on, and its bar with it.
    const at = await player.evaluate((el) => (el as HTMLVideoElement).currentTime);
    await expect.poll(() => player.evaluate((el) => (el as HTMLVideoElement).currentTime)).toBeGreaterThan(at);
    await expect.poll(async () => (await bars(ben.page))[2]).toBeGreaterThan(0);
    expect((await bars(ben.page)).slice(0, 2)).toEqual([100, 100]);
    await ben.page.keyboard.press('Space');
    await video.getByText('Paused').waitFor();
    await expect.poll(() => player.evaluate((el) => (el as HTMLVideoElement).paused)).toBe(true);
    await pictures(ben.page, 'viewer-video');
    await ben.page.keyboard.press('Space');

    await ben.page.keyboard.press('ArrowLeft');
    await ben.page.getByRole('dialog', { name: "Ana Alves's status, 2 of 3" }).waitFor();
    await ben.page.keyboard.press('ArrowLeft');
    await ben.page.getByRole('dialog', { name: "Ana Alves's status, 1 of 3" }).getByText('Off to the mountains').waitFor();
    await ben.page.keyboard.press('Escape');
    await ben.page.getByRole('button', { name: 'Ana Alves, viewed status, 3 updates' }).waitFor();
    expect(ben.errors).toEqual([]);
  });

  it.skipIf(!hasFfmpeg)('the author sees who viewed the video, and when', async () => {
    await ana.page.getByRole('button', { name: 'My status, 3 updates' }).click();
    await ana.page.getByRole('dialog', { name: 'My status, 1 of 3' }).waitFor();
    await ana.page.keyboard.press('ArrowRight');
    await ana.page.keyboard.press('ArrowRight');
    const viewer = ana.page.getByRole('dialog', { name: 'My status, 3 of 3' });
    await viewer.getByRole('button', { name: '1 view' }).click();
    const viewers = ana.page.getByRole('dialog', { name: 'Viewed by 1' });
    const row = viewers.getByRole('listitem').filter({ hasText: 'Ben Brown' });
    await row.waitFor();
    // The day and time Ben watched it, as this browser writes them.
    const { viewers: seen } = await anaApi.trpc.stories.viewers.query({ storyId: (await anaApi.trpc.stories.mine.query()).stories.find((s) => s.kind === 'video')!.id });
    const when = await ana.page.evaluate((iso) => new Date(iso).toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' }), seen[0]!.viewedAt);
    await expect(row.locator('time').textContent()).resolves.toBe(when);
    await pictures(ana.page, 'viewers-video');
    await ana.page.keyboard.press('Escape');
    await viewers.waitFor({ state: 'hidden' });
    await ana.page.keyboard.press('Escape');
    expect(ana.errors).toEqual([]);
  });
  it('a status stays open when the window narrows to phone width with a chat open', async () => {
    // Ben has Ana's chat open beside the list; the window narrows while he watches her status.
    await ben.page.locator('.chat-item', { hasText: 'Ana Alves' }).click();
    await ben.page.getByRole('button', { name: /^Ana Alves, viewed status/ }).click();
    const viewer = ben.page.getByRole('dialog', { name: /^Ana Alves's status, 1 of/ });
    await viewer.getByText('Off to the mountains').waitFor();
    await ben.page.setViewportSize({ width: 360, height: 740 });
    // The chat now fills the screen and the list is hidden; the status is still in front of it.
    await expect.poll(() => viewer.isVisible()).toBe(true);
    await ben.page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'hidden' });
    await ben.page.setViewportSize({ width: 1280, height: 800 });
    expect(ben.errors).toEqual([]);
  });
});
