import type { WatchedPage } from '@confab/testing/browser';
import { newPhone } from '@confab/testing/sign-in';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { inOneChat, keepsDecoding, pictures, signedInPages } from './support/call-pages';
import { peerStats, WEBRTC_CHROMIUM_ARGS } from './support/webrtc-page';
import { webClientSuite } from './support/web-suite';

/** The page decodes video from its one connection, 16:9 (the fake screen; there is no camera in a voice call). */
async function decodesScreen(page: Page) {
  await keepsDecoding(page);
  const s = (await peerStats(page))[0]!;
  expect(Math.abs(s.frameWidth / s.frameHeight - 16 / 9)).toBeLessThan(0.05);
}

/** The tile of the other person in a voice call: their picture's letter, or the screen they share. */
const tile = (page: Page, name: string) => page.getByRole('figure', { name });

async function showsVoice(page: Page, name: string) {
  await tile(page, name).locator('.call-tile__voice').waitFor({ timeout: 30_000 });
  await expect.poll(() => tile(page, name).locator('video').isVisible()).toBe(false);
  await expect.poll(() => tile(page, name).getAttribute('data-screen')).toBeNull();
}

async function showsScreen(page: Page, name: string) {
  await tile(page, name).locator('video.is-screen').waitFor({ timeout: 30_000 });
  await tile(page, name).getByText(`${name} · sharing their screen`).waitFor();
  expect(await tile(page, name).locator('.call-tile__voice').count()).toBe(0);
}

/**
 * A voice call has no video going out, so sharing a screen adds video to the call: the
 * connection is renegotiated over calls.signal (either side may offer; crossing offers are
 * settled by perfect negotiation). Two Chromium pages with fake media; headless Chromium's
 * getDisplayMedia gives a synthetic 1280×720 screen.
 */
describe('screen sharing in a voice call (two Chromium pages)', () => {
  let ana: WatchedPage, ben: WatchedPage;
  const people = [
    { name: 'Ana Alves', phone: newPhone() },
    { name: 'Ben Brown', phone: newPhone() },
  ];
  const anaPage = () => ana.page;
  const benPage = () => ben.page;

  webClientSuite({
    name: 'voice-screen-share',
    pages: () => [ana.page, ben.page],
    chromiumArgs: WEBRTC_CHROMIUM_ARGS,
    env: { CALL_SWEEP_MS: '3600000' },
    setup: async (server, browser) => {
      const tabs = await signedInPages(browser, server, people, { width: 1280, height: 800 });
      [ana, ben] = [tabs[0]!, tabs[1]!];
      await inOneChat(tabs, people, 'Can I show you something?');
    },
  });

  it('Ana voice-calls Ben: they connect, hear each other, and no video arrives', async () => {
    await anaPage().getByRole('button', { name: 'Start voice call' }).click();
    await benPage().getByRole('button', { name: 'Answer with voice' }).click({ timeout: 20_000 });
    for (const page of [anaPage(), benPage()]) {
      await page.locator('.call-screen[data-call-state="connected"]').waitFor({ timeout: 30_000 });
      await expect.poll(async () => (await peerStats(page))[0]?.inboundAudioLevel ?? 0).toBeGreaterThan(0);
      expect((await peerStats(page))[0]?.framesDecoded).toBe(0);
    }
    await showsVoice(benPage(), 'Ana Alves');
    await showsVoice(anaPage(), 'Ben Brown');
  });

  it('Ana shares her screen: Ben’s page decodes it in her tile; she stops and it is a voice call again', async () => {
    await anaPage().getByRole('button', { name: 'Share screen' }).click();
    await anaPage().getByRole('status').getByText('You are sharing your screen').waitFor();
    await anaPage().locator('video[aria-label="Your shared screen"]').waitFor();
    await showsScreen(benPage(), 'Ana Alves');
    await decodesScreen(benPage());
    await pictures(benPage(), 'voice-screen-share-watching');
    await pictures(anaPage(), 'voice-screen-share-sharing');

    await anaPage().getByRole('button', { name: 'Stop sharing screen' }).click();
    await showsVoice(benPage(), 'Ana Alves');
    await anaPage().getByRole('button', { name: 'Share screen' }).waitFor();
    expect(await anaPage().locator('video[aria-label="Your shared screen"]').count()).toBe(0);
    // Still one connection, still connected, still carrying her voice.
    await expect.poll(async () => (await peerStats(benPage())).map((s) => s.state)).toEqual(['connected']);
    await expect.poll(async () => (await peerStats(benPage()))[0]?.inboundAudioLevel ?? 0).toBeGreaterThan(0);
  });

  it('Ben, who answered, shares too; both stop at the same moment (crossing offers) and the call goes on as voice', async () => {
    await anaPage().getByRole('button', { name: 'Share screen' }).click();
    await showsScreen(benPage(), 'Ana Alves');
    // The answering side renegotiates as well: Ana's page decodes Ben's screen while hers goes out.
    await benPage().getByRole('button', { name: 'Share screen' }).click();
    await showsScreen(anaPage(), 'Ben Brown');
    await decodesScreen(anaPage());
    await decodesScreen(benPage());

    await Promise.all([anaPage().getByRole('button', { name: 'Stop sharing screen' }).click(), benPage().getByRole('button', { name: 'Stop sharing screen' }).click()]);
    await showsVoice(benPage(), 'Ana Alves');
    await showsVoice(anaPage(), 'Ben Brown');
    for (const page of [anaPage(), benPage()]) {
      await expect.poll(async () => (await peerStats(page)).map((s) => s.state)).toEqual(['connected']);
      await expect.poll(async () => (await peerStats(page))[0]?.inboundAudioLevel ?? 0).toBeGreaterThan(0);
      await page.locator('.call-screen[data-call-state="connected"]').waitFor();
    }

    await anaPage().getByRole('button', { name: 'Hang up' }).click();
    for (const page of [anaPage(), benPage()]) await page.locator('.call-screen').waitFor({ state: 'detached', timeout: 20_000 });
    expect([...ana.errors, ...ben.errors].filter((e) => !e.includes('favicon'))).toEqual([]);
  });
});
