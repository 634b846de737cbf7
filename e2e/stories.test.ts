import { openWatchedPage, screenshot, type WatchedPage } from '@confab/testing/browser';
import { newPhone, signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { bubble, setProfileName, signInThroughUi } from '@confab/testing/ui';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { webClientSuite } from './support/web-suite';

/** Light, dark and 360 px pictures of what the page shows now. */
async function pictures(page: Page, name: string) {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await screenshot(page, `stories-${name}-${theme}`);
  }
  const wide = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 740 });
  await screenshot(page, `stories-${name}-360`);
  if (wide) await page.setViewportSize(wide);
  await page.emulateMedia({ colorScheme: 'light' });
}

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
    const viewer = ana.page.getByRole('dialog', { name: "My status's status, 1 of 1" });
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
});
