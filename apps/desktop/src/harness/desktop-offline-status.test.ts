import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '@confab/testing/browser';
import { pngImage } from '@confab/testing/media/images';
import { upload } from '@confab/testing/media/upload';
import { newPhone, signIn, type SignedInUser } from '@confab/testing/sign-in';
import { RestartableServer, waitUntil } from '../core/testing/harness.js';
import { startDesktopHarness, type DesktopHarness } from './desktop-harness.js';
import { signInThroughDesktopUi } from './desktop-ui.js';

/**
 * Ana uses the desktop app (core + cache in Node, the built renderer in Chromium); Ben, her
 * contact, uses the API. With the server down and the window reloaded, the status row, a photo
 * status she opened before and the notification bell still come from the cache.
 */
describe('desktop app offline: status updates and the notification centre from the cache', () => {
  const host = new RestartableServer();
  let browser: Browser, app: DesktopHarness, page: Page, ben: SignedInUser;

  const photoShows = (p: Page) => p.locator('.story-viewer img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0).catch(() => false);

  beforeAll(async () => {
    await host.start();
    browser = await launchChromium();
    app = await startDesktopHarness(browser, host.url);
    page = app.page;
    ben = await signIn(host.server);
    await ben.trpc.me.update.mutate({ name: 'Ben' });
  }, 180_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await screenshot(page, `failed-desktop-offline-status-${task.name.replace(/\W+/g, '-').slice(0, 50)}`).catch(() => undefined);
  });

  afterAll(async () => {
    await app?.close();
    await browser?.close();
    await ben?.close();
    await host.dispose();
  });

  it('shows a contact’s photo status and a reaction notification while online', async () => {
    await page.goto(app.url);
    const anaId = await signInThroughDesktopUi(app, host.server, newPhone());
    await app.core.api.contacts.add.mutate({ userId: ben.user.id });
    await ben.trpc.contacts.add.mutate({ userId: anaId });

    const uploaded = await upload(host.url, ben.tokens.accessToken, new Uint8Array(await pngImage(360, 640, '#2a7ab0')), { contentType: 'image/png', kind: 'image' });
    await ben.trpc.stories.post.mutate({ kind: 'image', mediaId: uploaded.body.mediaId as string, text: 'The view from here' });

    const chat = await app.core.chats.openDirect(ben.user.id);
    app.core.outbox.send(chat.id, 'Lunch at noon?');
    await waitUntil(() => app.core.messages.read(chat.id).messages.some((m) => m.status === 'sent'), 'the message is sent');
    await ben.trpc.messages.react.mutate({ messageId: app.core.messages.read(chat.id).messages.at(-1)!.id, emoji: '👍' });

    await page.getByRole('button', { name: 'Notifications, 1 unread' }).waitFor();
    await page.getByRole('button', { name: 'Ben, new status' }).click();
    await waitUntil(() => photoShows(page), 'the photo status shows');
    await page.locator('.story-viewer').getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Ben, viewed status' }).waitFor();
  });

  it('after a reload with the server down: the status row, the photo and the bell come from the cache; a read waits in the outbox', async () => {
    await host.stop();
    await waitUntil(() => app.core.sync.state === 'offline', 'the core is offline');
    await page.reload();
    await page.locator('[data-connection="cache"]').waitFor();

    await page.getByRole('button', { name: 'Ben, viewed status' }).click();
    await waitUntil(() => photoShows(page), 'the photo status shows offline');
    for (const [theme, width] of [['light', 1280], ['dark', 360]] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await page.setViewportSize({ width, height: width === 360 ? 740 : 800 });
      await screenshot(page, `desktop-offline-status-${theme}-${width}`);
    }
    await page.locator('.story-viewer').getByRole('button', { name: 'Close' }).click();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, 'desktop-offline-status-row-light-1280');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 360, height: 740 });

    await page.getByRole('button', { name: 'Notifications, 1 unread' }).click();
    const centre = page.getByRole('dialog', { name: 'Notifications' });
    await centre.getByText('Ben reacted 👍 to your message').waitFor();
    await screenshot(page, 'desktop-offline-notifications-dark-360');
    await centre.getByRole('button', { name: 'Mark all read' }).click();
    await page.getByRole('button', { name: 'Notifications', exact: true }).waitFor();
    expect(app.core.diagnostics().outboxSize).toBe(1);

    await host.start();
    await waitUntil(() => app.core.diagnostics().outboxSize === 0, 'the queued read is sent');
  });
});
