import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '@confab/testing/browser';
import { newPhone, signIn, type SignedInUser } from '@confab/testing/sign-in';
import { startTestServer, type TestServer } from '@confab/testing/test-server';
import { waitUntil } from '../core/testing/harness.js';
import { ANSWER } from '../main/call-alerts.js';
import { startDesktopHarness, type DesktopHarness } from './desktop-harness.js';
import { signInThroughDesktopUi } from './desktop-ui.js';

/** Fake camera and microphone with no prompt: answering opens them. */
const FAKE_MEDIA = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required'];

/**
 * Answer on the desktop's OS notification answers in the window: the built renderer's
 * incoming-call screen takes the call (camera and microphone, then calls.accept through main),
 * and the tray's Hang up leaves it. Ana is the desktop app; Ben calls through the API.
 */
describe('desktop app: answering from the call notification, hanging up from the tray', () => {
  let server: TestServer, browser: Browser, app: DesktopHarness, page: Page, ben: SignedInUser, chatId: string;

  beforeAll(async () => {
    server = await startTestServer({ env: { CALL_SWEEP_MS: '3600000' } });
    browser = await launchChromium(FAKE_MEDIA);
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
    if (task.result?.state === 'fail') await screenshot(page, `failed-desktop-calls-${task.name.replace(/\W+/g, '-').slice(0, 50)}`).catch(() => undefined);
  });

  it('Ben calls: the notification says who; Answer on it puts Ana in the call; the tray hangs up', async () => {
    await page.goto(app.url);
    const anaId = await signInThroughDesktopUi(app, server, newPhone());
    chatId = (await ben.trpc.chats.openDirect.mutate({ userId: anaId })).id;
    await ben.trpc.messages.send.mutate({ chatId, clientId: 'hi', text: 'Calling you now' });
    await waitUntil(() => app.core.chats.get(chatId) !== null, 'the chat reaches the desktop');

    const { callId } = await ben.trpc.calls.start.mutate({ chatId, video: false });
    await page.getByRole('alertdialog', { name: 'Ben Brown' }).waitFor();
    await waitUntil(() => app.callNotifications.length === 1, 'the call notification');
    expect(app.callNotifications[0]!.options).toMatchObject({ title: 'Ben Brown is calling (voice)', body: 'Incoming voice call' });

    app.callNotifications[0]!.press(ANSWER);
    await expect.poll(async () => (await ben.trpc.calls.current.query()).calls[0]?.state, { timeout: 15_000 }).toBe('active');
    await page.getByRole('button', { name: 'Hang up' }).waitFor();
    expect(await page.getByRole('alertdialog', { name: 'Ben Brown' }).count()).toBe(0);
    await waitUntil(() => app.core.callAlerts.current()?.callId === callId, 'the desktop knows it is in the call');
    expect(app.core.callAlerts.current()).toEqual({ callId, chatId, title: 'Ben Brown' });
    await screenshot(page, 'desktop-call-answered-from-notification');

    await app.hangUpFromTray();
    await expect.poll(async () => (await ben.trpc.calls.history.query()).calls[0]).toMatchObject({ id: callId, outcome: 'completed' });
    await page.getByRole('button', { name: 'Hang up' }).waitFor({ state: 'detached' });
    expect(app.core.callAlerts.current()).toBeNull();
    expect(app.errors).toEqual([]);
  });
});
