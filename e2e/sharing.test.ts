import { openWatchedPage, screenshot, type WatchedPage } from '@confab/testing/browser';
import { newPhone, signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { setProfileName, signInThroughUi, startChatByPhone } from '@confab/testing/ui';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { webClientSuite } from './support/web-suite';

/** Light, dark and 360 px pictures of what the page shows now. */
async function pictures(page: Page, name: string) {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await screenshot(page, `sharing-${name}-${theme}`);
  }
  const wide = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 740 });
  await screenshot(page, `sharing-${name}-360`);
  if (wide) await page.setViewportSize(wide);
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Ana shares a contact card and her live location from the composer; Ben sees both, moving, then ended. */
describe('sharing from the composer (Chromium)', () => {
  let server: TestServer, browser: Browser, ana: WatchedPage, ben: WatchedPage;
  let anaApi: SignedInUser, cleoApi: SignedInUser;
  const [anaPhone, benPhone, cleoPhone] = [newPhone(), newPhone(), newPhone()];

  webClientSuite({
    name: 'sharing',
    pages: () => [ana.page, ben.page],
    teardown: async () => void (await Promise.all([anaApi?.close(), cleoApi?.close()])),
    setup: async (s, b) => {
      [server, browser] = [s, b];
      [ana, ben] = [await openWatchedPage(browser), await openWatchedPage(browser)];
      // Ana's browser knows where she is (as if she allowed it when asked).
      await ana.context.grantPermissions(['geolocation'], { origin: server.url });
      await ana.context.setGeolocation({ latitude: 51.5007, longitude: -0.1246 });
      await signInThroughUi(ana.page, server, anaPhone);
      await setProfileName(ana.page, 'Ana Alves');
      await signInThroughUi(ben.page, server, benPhone);
      await setProfileName(ben.page, 'Ben Brown');
      // Cleo is in Ana's address book (the contacts screen is not this test's).
      [anaApi, cleoApi] = [await signIn(server, anaPhone, 'api'), await signIn(server, cleoPhone, 'api')];
      await cleoApi.trpc.me.update.mutate({ name: 'Cleo Costa' });
      await anaApi.trpc.contacts.add.mutate({ userId: cleoApi.user.id });
      await startChatByPhone(ana.page, benPhone);
    },
  });

  it('shares a contact card picked from the contacts', async () => {
    await ana.page.getByRole('button', { name: 'Attach a file' }).click();
    await ana.page.getByRole('menu', { name: 'Attach' }).waitFor();
    await pictures(ana.page, 'attach-menu');
    await ana.page.getByRole('menuitem', { name: 'Contact' }).click();
    const dialog = ana.page.getByRole('dialog', { name: 'Share contact' });
    await dialog.getByRole('button', { name: 'Share Cleo Costa' }).waitFor();
    await pictures(ana.page, 'contact-dialog');
    await dialog.getByRole('button', { name: 'Share Cleo Costa' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await ben.page.getByRole('button', { name: /Ana Alves/ }).first().click();
    const card = ben.page.locator('.contact-card').filter({ hasText: 'Cleo Costa' });
    await card.waitFor({ timeout: 20_000 });
    await card.getByRole('link', { name: cleoPhone }).waitFor();
    await card.getByRole('button', { name: 'Message' }).waitFor();
  });

  it('shares a live location that moves in the other page, then stops', async () => {
    await ana.page.getByRole('button', { name: 'Attach a file' }).click();
    await ana.page.getByRole('menuitem', { name: 'Location' }).click();
    const dialog = ana.page.getByRole('dialog', { name: 'Share location' });
    await expect.poll(() => dialog.getByLabel('Latitude').inputValue()).toBe('51.500700');
    await expect.poll(() => dialog.getByLabel('Longitude').inputValue()).toBe('-0.124600');
    await pictures(ana.page, 'location-dialog');
    await dialog.getByText('1 hour').click();
    await dialog.getByRole('button', { name: 'Share live location' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const card = ben.page.getByTestId('location-card').last();
    await expect.poll(() => card.getAttribute('data-live')).toBe('live');
    await expect.poll(() => card.getByTestId('location-coords').textContent()).toBe('51.50070, -0.12460');
    await expect.poll(() => card.getByRole('button', { name: 'Stop sharing' }).count()).toBe(0);

    // Ana walks across the bridge: Ben's card follows.
    await ana.context.setGeolocation({ latitude: 51.5033, longitude: -0.1195 });
    await expect.poll(() => card.getByTestId('location-coords').textContent()).toBe('51.50330, -0.11950');
    await pictures(ben.page, 'live-card');

    const mine = ana.page.getByTestId('location-card').last();
    await expect.poll(() => mine.getByTestId('location-coords').textContent()).toBe('51.50330, -0.11950');
    await pictures(ana.page, 'live-card-sharer');
    await mine.getByRole('button', { name: 'Stop sharing' }).click();
    await expect.poll(() => card.getAttribute('data-live')).toBe('ended');
    await card.getByText('Live location ended').waitFor();
    await expect.poll(() => mine.getByRole('button', { name: 'Stop sharing' }).count()).toBe(0);

    for (const page of [ana, ben]) {
      expect(page.cspViolations).toEqual([]);
      expect(page.errors).toEqual([]);
    }
  });
});
