import { openWatchedPage, screenshot, type WatchedPage } from '@confab/testing/browser';
import { newPhone, signIn, type SignedInUser } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { sendMessage, setProfileName, signInThroughUi, startChatByPhone } from '@confab/testing/ui';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { controlSockets, dropSockets, goOnline, openSockets, peerStats, watchPeerConnections, WEBRTC_CHROMIUM_ARGS } from './support/webrtc-page';
import { webClientSuite } from './support/web-suite';

async function pictures(page: Page, name: string) {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await screenshot(page, `call-features-${name}-${theme}`);
  }
  const wide = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 740 });
  await screenshot(page, `call-features-${name}-360`);
  if (wide) await page.setViewportSize(wide);
  await page.emulateMedia({ colorScheme: 'light' });
}

/** The page's one connection keeps decoding the other side's video: 10 more frames from now. */
async function keepsDecoding(page: Page) {
  const before = (await peerStats(page))[0]?.framesDecoded ?? 0;
  await expect.poll(async () => (await peerStats(page))[0]?.framesDecoded ?? 0, { timeout: 30_000 }).toBeGreaterThan(before + 10);
}

/**
 * The shape of the video arriving: the camera is 4:3 (640×480), the fake screen 16:9 (1280×720);
 * the sender may scale either down for bandwidth, never change its shape.
 */
const shape = async (page: Page) => {
  const s = (await peerStats(page))[0];
  if (!s?.frameHeight) return 'none';
  const ratio = s.frameWidth / s.frameHeight;
  return Math.abs(ratio - 4 / 3) < 0.05 ? '4:3' : Math.abs(ratio - 16 / 9) < 0.05 ? '16:9' : `${s.frameWidth}x${s.frameHeight}`;
};

/**
 * What a call does beyond ringing and hanging up, in two Chromium pages with fake media: the
 * call shrinks to a floating window while Ana reads another chat; she shares her screen; her
 * socket drops mid-call and the call carries on over a restarted ICE; Ben calls her back from
 * the history; a ring she missed while offline shows when she is back, one that ended does not.
 *
 * Headless Chromium captures no real screen, but with the fake-device flags getDisplayMedia
 * gives a synthetic 1280×720 "Entire screen" (the camera is 640×480), so the switch is visible
 * to the other side as a change of frame size.
 */
describe('in a call: floating window, screen sharing, network drops, call back (Chromium)', () => {
  let server: TestServer, ana: WatchedPage, ben: WatchedPage, cy: SignedInUser;
  const [anaPhone, benPhone, cyPhone] = [newPhone(), newPhone(), newPhone()];
  const anaPage = () => ana.page;
  const benPage = () => ben.page;

  webClientSuite({
    name: 'call-features',
    pages: () => [ana.page, ben.page],
    chromiumArgs: WEBRTC_CHROMIUM_ARGS,
    env: { CALL_SWEEP_MS: '3600000' },
    setup: async (s, browser) => {
      server = s;
      [ana, ben] = [await openWatchedPage(browser, { width: 1100, height: 760 }), await openWatchedPage(browser, { width: 1100, height: 760 })];
      for (const tab of [ana, ben]) {
        await watchPeerConnections(tab.page);
        await controlSockets(tab.page);
      }
      cy = await signIn(server, cyPhone);
      await cy.trpc.me.update.mutate({ name: 'Cy Costa' });
      await signInThroughUi(ana.page, server, anaPhone);
      await setProfileName(ana.page, 'Ana Alves');
      await signInThroughUi(ben.page, server, benPhone);
      await setProfileName(ben.page, 'Ben Brown');
      await startChatByPhone(ana.page, cyPhone);
      await sendMessage(ana.page, 'Coffee later?');
      await startChatByPhone(ana.page, benPhone);
      await sendMessage(ana.page, 'Calling you now');
      await ben.page.locator('.chat-item', { hasText: 'Ana Alves' }).click();
    },
    teardown: async () => {
      await cy.close();
    },
  });

  it('Ana video-calls Ben and they connect', async () => {
    await anaPage().getByRole('button', { name: 'Start video call' }).click();
    await benPage().getByRole('button', { name: 'Answer with video' }).click({ timeout: 20_000 });
    for (const page of [anaPage(), benPage()]) {
      await page.locator('.call-screen[data-call-state="connected"]').waitFor({ timeout: 30_000 });
      await keepsDecoding(page);
    }
    await expect.poll(() => shape(benPage())).toBe('4:3');
  });

  it('minimised, the call floats over the chats: Ana opens Cy’s chat, drags it, mutes from it, and returns', async () => {
    await anaPage().getByRole('button', { name: 'Minimise call' }).click();
    const pip = anaPage().getByRole('complementary', { name: 'Call with Ben Brown' });
    await pip.waitFor();
    await expect.poll(() => anaPage().locator('.call-screen').isVisible()).toBe(false);
    // Focus went to the floating window, so a keyboard user can come back at once.
    await expect.poll(() => anaPage().evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Return to call with Ben Brown');

    // The chats are usable beneath it: Ana opens Cy's chat and writes; the call goes on.
    await anaPage().locator('.chat-item', { hasText: 'Cy Costa' }).click();
    await anaPage().locator('.conversation__title', { hasText: 'Cy Costa' }).waitFor();
    await sendMessage(anaPage(), 'On a call, back soon');
    await expect.poll(() => pip.getByTestId('call-pip-status').textContent()).toMatch(/^\d:\d\d$/);
    await pip.locator('video').waitFor();
    await keepsDecoding(anaPage());
    await pictures(anaPage(), 'pip');

    // Dragged to the bottom left, it stays there (inside the window); the arrow keys move it too.
    const start = (await pip.boundingBox())!;
    await anaPage().mouse.move(start.x + start.width / 2, start.y + 20);
    await anaPage().mouse.down();
    await anaPage().mouse.move(200, 700, { steps: 8 });
    await anaPage().mouse.up();
    const dragged = (await pip.boundingBox())!;
    expect(dragged.x).toBeLessThan(start.x - 300);
    expect(dragged.y).toBeGreaterThan(start.y + 200);
    expect(dragged.y + dragged.height).toBeLessThanOrEqual(760);
    await expect.poll(() => pip.isVisible()).toBe(true);
    await pip.getByRole('button', { name: 'Return to call with Ben Brown' }).focus();
    await anaPage().keyboard.press('ArrowRight');
    await expect.poll(async () => (await pip.boundingBox())!.x).toBeGreaterThan(dragged.x + 10);

    // Mute from the floating window silences Ana at Ben's end.
    await pip.getByRole('button', { name: 'Mute' }).click();
    await expect.poll(async () => (await peerStats(anaPage()))[0]?.sendingAudio).toBe(false);
    await expect.poll(async () => (await peerStats(benPage()))[0]?.inboundAudioLevel).toBeLessThan(0.001);
    await pip.getByRole('button', { name: 'Unmute' }).click();
    await expect.poll(async () => (await peerStats(benPage()))[0]?.inboundAudioLevel).toBeGreaterThan(0);

    // A click (not a drag) on it returns to the full call, still connected.
    await pip.getByRole('button', { name: 'Return to call with Ben Brown' }).click();
    await anaPage().getByRole('region', { name: 'Call with Ben Brown' }).waitFor();
    await expect.poll(() => pip.count()).toBe(0);
    await anaPage().locator('.call-screen[data-call-state="connected"]').waitFor();
  });

  it('Escape also minimises, and the floating window’s Return key brings the call back', async () => {
    await anaPage().keyboard.press('Escape');
    const back = anaPage().getByRole('button', { name: 'Return to call with Ben Brown' });
    await back.waitFor();
    await expect.poll(() => anaPage().evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Return to call with Ben Brown');
    await anaPage().keyboard.press('Enter');
    await anaPage().getByRole('region', { name: 'Call with Ben Brown' }).waitFor();
    await expect.poll(() => anaPage().evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Minimise call');
  });

  it('Ana shares her screen: Ben sees it instead of her camera, and her camera again when she stops', async () => {
    await anaPage().getByRole('button', { name: 'Share screen' }).click();
    await anaPage().getByRole('status').getByText('You are sharing your screen').waitFor();
    await expect.poll(() => shape(benPage()), { timeout: 30_000 }).toBe('16:9');
    await keepsDecoding(benPage());
    await pictures(anaPage(), 'sharing');
    await anaPage().getByRole('button', { name: 'Stop sharing screen' }).click();
    await expect.poll(() => shape(benPage()), { timeout: 30_000 }).toBe('4:3');
    await keepsDecoding(benPage());
    await anaPage().getByRole('button', { name: 'Share screen' }).waitFor();
  });

  it('Ana’s socket drops and comes back: she restarts ICE (whichever side offered first), frames keep coming and the call was never ended', async () => {
    const ufrag = (await peerStats(benPage()))[0]?.remoteIceUfrag;
    expect(ufrag).toBeTruthy();
    await dropSockets(anaPage());
    // Reconnected: Ben's end has Ana's new ICE credentials, and both keep decoding.
    await expect.poll(() => openSockets(anaPage()), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(async () => (await peerStats(benPage()))[0]?.remoteIceUfrag, { timeout: 30_000 }).not.toBe(ufrag);
    for (const page of [anaPage(), benPage()]) {
      await expect.poll(async () => (await peerStats(page)).map((s) => s.state), { timeout: 30_000 }).toEqual(['connected']);
      await keepsDecoding(page);
      await page.locator('.call-screen[data-call-state="connected"]').waitFor();
    }
  });

  it('the media path fails while the sockets stay up: ICE restarts and the call goes on', async () => {
    const ufrag = (await peerStats(benPage()))[0]?.remoteIceUfrag;
    // Chromium cannot lose a loopback path on demand, so each side's connection reports 'failed'
    // to the app's own handler, as both would after a Wi-Fi change; the restart that follows (by
    // whichever side made the first offer) is real.
    for (const page of [anaPage(), benPage()]) {
      await page.evaluate(() => {
        const pc = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.find((p) => p.connectionState !== 'closed')!;
        Object.defineProperty(pc, 'iceConnectionState', { configurable: true, get: () => 'failed' });
        pc.dispatchEvent(new Event('iceconnectionstatechange'));
        delete (pc as unknown as Record<string, unknown>).iceConnectionState;
      });
    }
    await expect.poll(async () => (await peerStats(benPage()))[0]?.remoteIceUfrag, { timeout: 30_000 }).not.toBe(ufrag);
    for (const page of [anaPage(), benPage()]) {
      await expect.poll(async () => (await peerStats(page)).map((s) => s.state), { timeout: 30_000 }).toEqual(['connected']);
      await keepsDecoding(page);
    }
  });

  it('hang-up from the floating window ends the call on both pages', async () => {
    await anaPage().getByRole('button', { name: 'Minimise call' }).click();
    await anaPage().getByRole('complementary', { name: 'Call with Ben Brown' }).getByRole('button', { name: 'Hang up' }).click();
    for (const page of [anaPage(), benPage()]) {
      await page.locator('.call-screen').waitFor({ state: 'detached', timeout: 20_000 });
      await expect.poll(async () => (await peerStats(page)).length).toBe(0);
    }
    await expect.poll(() => anaPage().locator('.call-pip').count()).toBe(0);
  });

  it('Ben calls back from the history while Ana is offline: her page rings once it is back', async () => {
    await dropSockets(anaPage(), { stayOffline: true });
    await expect.poll(() => openSockets(anaPage())).toBe(0);
    await benPage().getByRole('button', { name: 'Calls' }).click();
    await benPage().getByRole('dialog', { name: 'Calls' }).getByRole('button', { name: 'Call Ana Alves back' }).first().click();
    // The same kind of call, to the same person.
    await benPage().getByRole('region', { name: 'Call with Ana Alves' }).waitFor();
    await benPage().getByTestId('call-status').getByText('Ringing…').waitFor();
    await benPage().locator('video[aria-label="Your camera"]').waitFor({ state: 'attached' });
    expect(await anaPage().locator('.call-incoming').count()).toBe(0);
    await goOnline(anaPage());
    const incoming = anaPage().getByRole('alertdialog', { name: 'Ben Brown' });
    await incoming.getByText('Incoming video call').waitFor({ timeout: 30_000 });
    // A reload while it rings shows it again too.
    await anaPage().reload();
    await incoming.getByText('Incoming video call').waitFor({ timeout: 30_000 });
  });

  it('a ring that ended while Ana was offline stops when she is back', async () => {
    await dropSockets(anaPage(), { stayOffline: true });
    await expect.poll(() => openSockets(anaPage())).toBe(0);
    await benPage().getByRole('button', { name: 'Hang up' }).click();
    await benPage().locator('.call-screen').waitFor({ state: 'detached' });
    // Still ringing on Ana's page: she never heard that it ended.
    await anaPage().getByRole('alertdialog', { name: 'Ben Brown' }).waitFor();
    await goOnline(anaPage());
    await anaPage().getByRole('alertdialog', { name: 'Ben Brown' }).waitFor({ state: 'detached', timeout: 30_000 });
    // A reload reads the calls afresh: nothing rings.
    await anaPage().reload();
    await anaPage().locator('.chat-item').first().waitFor();
    expect(await anaPage().locator('.call-incoming').count()).toBe(0);
  });

  it('a voice call floats as the person’s picture, and hangs up from there', async () => {
    await anaPage().locator('.chat-item', { hasText: 'Ben Brown' }).click();
    await anaPage().getByRole('button', { name: 'Start voice call' }).click();
    await benPage().getByRole('button', { name: 'Answer with voice' }).click({ timeout: 20_000 });
    await anaPage().locator('.call-screen[data-call-state="connected"]').waitFor({ timeout: 30_000 });
    await anaPage().getByRole('button', { name: 'Minimise call' }).click();
    const pip = anaPage().getByRole('complementary', { name: 'Call with Ben Brown' });
    await pip.locator('.avatar').waitFor();
    expect(await pip.locator('video').count()).toBe(0);
    await expect.poll(() => pip.getByTestId('call-pip-status').textContent()).toMatch(/^\d:\d\d$/);
    await pictures(anaPage(), 'pip-voice');
    await pip.getByRole('button', { name: 'Hang up' }).click();
    await benPage().locator('.call-screen').waitFor({ state: 'detached', timeout: 20_000 });
    // Failed reconnects while "offline" are the only errors: the socket to a refused path.
    const errors = [...ana.errors, ...ben.errors].filter((e) => !e.includes('favicon') && !/WebSocket/i.test(e));
    expect(errors).toEqual([]);
  });
});
