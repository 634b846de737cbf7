import { openWatchedPage, screenshot, type WatchedPage } from '@confab/testing/browser';
import { newPhone } from '@confab/testing/sign-in';
import type { TestServer } from '@confab/testing/test-server';
import { sendMessage, setProfileName, signInThroughUi, startChatByPhone } from '@confab/testing/ui';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { peerStats, watchPeerConnections, WEBRTC_CHROMIUM_ARGS } from './support/webrtc-page';
import { webClientSuite } from './support/web-suite';

/** Light, dark and 360 px pictures of what the page shows now. */
async function pictures(page: Page, name: string) {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await screenshot(page, `calls-${name}-${theme}`);
  }
  const wide = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 740 });
  await screenshot(page, `calls-${name}-360`);
  if (wide) await page.setViewportSize(wide);
  await page.emulateMedia({ colorScheme: 'light' });
}

const framesOf = async (page: Page) => (await peerStats(page)).map((s) => s.framesDecoded);

/**
 * Ana video-calls Ben through the UI of two Chromium pages with fake cameras: Ben's page rings,
 * he answers with video, both connect and decode each other's frames, Ana's mute silences her
 * audio at Ben's end, and her hang-up ends it on both; the chat and the history show the call.
 */
describe('1:1 video call in the web client (Chromium, fake camera and microphone)', () => {
  let server: TestServer, ana: WatchedPage, ben: WatchedPage;
  const [anaPhone, benPhone] = [newPhone(), newPhone()];

  webClientSuite({
    name: 'calls',
    pages: () => [ana.page, ben.page],
    chromiumArgs: WEBRTC_CHROMIUM_ARGS,
    // The server's clock is the test's: the sweeper must not end a call when the test moves it.
    env: { CALL_SWEEP_MS: '3600000' },
    setup: async (s, browser) => {
      server = s;
      [ana, ben] = [await openWatchedPage(browser, { width: 1100, height: 760 }), await openWatchedPage(browser, { width: 1100, height: 760 })];
      for (const tab of [ana, ben]) await watchPeerConnections(tab.page);
      await signInThroughUi(ana.page, server, anaPhone);
      await setProfileName(ana.page, 'Ana Alves');
      await signInThroughUi(ben.page, server, benPhone);
      await setProfileName(ben.page, 'Ben Brown');
      await startChatByPhone(ana.page, benPhone);
      await sendMessage(ana.page, 'Can I call you?');
      await ben.page.locator('.chat-item', { hasText: 'Ana Alves' }).click();
    },
  });

  it('rings Ben when Ana presses the video call button in the chat header', async () => {
    await ana.page.getByRole('button', { name: 'Start video call' }).click();
    await ana.page.getByRole('region', { name: 'Call with Ben Brown' }).waitFor();
    await ana.page.getByTestId('call-status').getByText('Ringing…').waitFor();
    const incoming = ben.page.getByRole('alertdialog', { name: 'Ana Alves' });
    await incoming.getByText('Incoming video call').waitFor({ timeout: 20_000 });
    await pictures(ben.page, 'incoming');
  });

  it('connects when Ben answers with video, and both decode the other one’s video', async () => {
    await ben.page.getByRole('button', { name: 'Answer with video' }).click();
    for (const tab of [ana, ben]) {
      await tab.page.locator('.call-screen[data-call-state="connected"]').waitFor({ timeout: 30_000 });
      await expect.poll(async () => (await peerStats(tab.page)).map((s) => s.state)).toEqual(['connected']);
      const first = (await framesOf(tab.page))[0]!;
      await expect.poll(async () => (await framesOf(tab.page))[0]).toBeGreaterThan(first + 10);
    }
    await ben.page.getByRole('region', { name: 'Call with Ana Alves' }).waitFor();
    await expect.poll(() => ana.page.getByTestId('call-status').textContent()).toMatch(/\d:\d\d/);
    await pictures(ana.page, 'in-call');
  });

  it('mute stops Ana’s microphone going out: Ben hears silence until she unmutes', async () => {
    await expect.poll(async () => (await peerStats(ben.page))[0]?.inboundAudioLevel).toBeGreaterThan(0);
    await ana.page.getByRole('button', { name: 'Mute' }).click();
    await ana.page.getByRole('button', { name: 'Unmute' }).waitFor();
    expect((await peerStats(ana.page))[0]?.sendingAudio).toBe(false);
    // Silence as Ben hears it: a muted track sends zeros, which the decoder may round to one
    // step of 16-bit audio (1/32768), far below anything audible (the fake tone is ~0.3).
    await expect.poll(async () => (await peerStats(ben.page))[0]?.inboundAudioLevel).toBeLessThan(0.001);
    await ana.page.getByRole('button', { name: 'Unmute' }).click();
    expect((await peerStats(ana.page))[0]?.sendingAudio).toBe(true);
    await expect.poll(async () => (await peerStats(ben.page))[0]?.inboundAudioLevel).toBeGreaterThan(0);
  });

  it('hang-up ends the call on both pages; the chat shows "Video call, 2 min" and the history lists it', async () => {
    // Two minutes pass on the server's clock, which times calls.
    server.clock.advance(2 * 60_000);
    await ana.page.getByRole('button', { name: 'Hang up' }).click();
    for (const tab of [ana, ben]) {
      await tab.page.locator('.call-screen').waitFor({ state: 'detached', timeout: 20_000 });
      await tab.page.locator('.msg-call', { hasText: 'Video call, 2 min' }).waitFor({ timeout: 20_000 });
      await expect.poll(async () => (await peerStats(tab.page)).length).toBe(0);
    }
    await ben.page.getByRole('button', { name: 'Calls' }).click();
    const history = ben.page.getByRole('dialog', { name: 'Calls' });
    const item = history.getByRole('listitem').filter({ hasText: 'Ana Alves' });
    await item.getByText('Incoming video call · 2 min').waitFor();
    await pictures(ben.page, 'history');
    await ben.page.keyboard.press('Escape');
    await pictures(ana.page, 'chat-call-line');
    expect([...ana.errors, ...ben.errors].filter((e) => !e.includes('favicon'))).toEqual([]);
  });
});
