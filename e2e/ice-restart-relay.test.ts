import type { WatchedPage } from '@confab/testing/browser';
import { hasTurnserver, startCoturn, type Coturn } from '@confab/testing/coturn';
import { newPhone } from '@confab/testing/sign-in';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inOneChat, keepsDecoding, signedInPages } from './support/call-pages';
import { peerStats, WEBRTC_CHROMIUM_ARGS } from './support/webrtc-page';
import { webClientSuite } from './support/web-suite';

const SECRET = 'coturn-restart-secret-0123456789';
const installed = hasTurnserver();
if (!installed) console.warn('turnserver (Debian coturn) is not installed: the relayed ICE restart test is skipped');

/**
 * The pages reach each other only through the relay, as two devices behind strict NATs would:
 * every connection the app makes is relay-only (the app's own ICE servers, from the server).
 * Every ICE state the connections pass through is kept, to see the path really broke.
 */
async function relayOnly(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const seen: string[] = [];
    (window as unknown as { __iceStates: string[] }).__iceStates = seen;
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super({ ...config, iceTransportPolicy: 'relay' });
        this.addEventListener('iceconnectionstatechange', () => seen.push(this.iceConnectionState));
      }
    } as typeof RTCPeerConnection;
  });
}

const iceStates = (page: Page) => page.evaluate(() => (window as unknown as { __iceStates: string[] }).__iceStates);

/** The kind of local candidate the page's open connection sends through ('relay' through coturn). */
function pathOf(page: Page): Promise<string | null> {
  return page.evaluate(async () => {
    const pc = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.find((p) => p.connectionState !== 'closed');
    if (!pc) return null;
    const report = await pc.getStats();
    let type: string | null = null;
    report.forEach((s: Record<string, unknown>) => {
      if (s.type !== 'transport' || typeof s.selectedCandidatePairId !== 'string') return;
      const pair = report.get(s.selectedCandidatePairId) as { localCandidateId?: string } | undefined;
      type = pair?.localCandidateId ? ((report.get(pair.localCandidateId) as { candidateType?: string } | undefined)?.candidateType ?? null) : null;
    });
    return type;
  });
}

/**
 * A real loss of the media path: a video call relayed through a real coturn (relay only), then
 * coturn restarts — its allocations, and so the call's only path, are gone while the sockets to
 * the server stay up. Both connections go 'disconnected'; the side that made the first offer
 * restarts ICE, new relay candidates come from the restarted coturn, and the call carries on.
 */
describe.skipIf(!installed)('the relay under a call restarts: ICE restarts and the call recovers (Chromium, real coturn)', () => {
  let coturn: Coturn, ana: WatchedPage, ben: WatchedPage;
  const people = [
    { name: 'Ana Alves', phone: newPhone() },
    { name: 'Ben Brown', phone: newPhone() },
  ];
  const env: Record<string, string> = { CALL_SWEEP_MS: '3600000', TURN_SECRET: SECRET };

  // Before the suite's server starts: it hands out this coturn's address and credentials.
  beforeAll(async () => {
    coturn = await startCoturn(SECRET);
    env.ICE_SERVERS = coturn.url;
  }, 60_000);
  afterAll(async () => {
    await coturn?.stop();
  });

  webClientSuite({
    name: 'ice-restart-relay',
    pages: () => [ana.page, ben.page],
    chromiumArgs: WEBRTC_CHROMIUM_ARGS,
    env,
    setup: async (server, browser) => {
      const tabs = await signedInPages(browser, server, people, { prepare: relayOnly });
      [ana, ben] = [tabs[0]!, tabs[1]!];
      await inOneChat(tabs, people, 'Calling you through the relay');
    },
  });

  it('Ana video-calls Ben: they connect through coturn', async () => {
    await ana.page.getByRole('button', { name: 'Start video call' }).click();
    await ben.page.getByRole('button', { name: 'Answer with video' }).click({ timeout: 20_000 });
    for (const page of [ana.page, ben.page]) {
      await page.locator('.call-screen[data-call-state="connected"]').waitFor({ timeout: 30_000 });
      await expect.poll(() => pathOf(page)).toBe('relay');
      await keepsDecoding(page);
    }
  });

  it('coturn restarts under the call: the path is lost, ICE restarts through the new relay, frames keep coming', async () => {
    const ufrag = (await peerStats(ben.page))[0]?.remoteIceUfrag;
    expect(ufrag).toBeTruthy();
    const { port } = coturn;
    await coturn.stop();
    coturn = await startCoturn(SECRET, { port });
    const before = (await iceStates(ana.page)).length;
    // Ana made the first offer, so she restarts: Ben's end gets her new ICE credentials.
    await expect.poll(async () => (await peerStats(ben.page))[0]?.remoteIceUfrag, { timeout: 45_000 }).not.toBe(ufrag);
    for (const page of [ana.page, ben.page]) {
      await expect.poll(async () => (await peerStats(page)).map((s) => s.state), { timeout: 45_000 }).toEqual(['connected']);
      await expect.poll(() => pathOf(page)).toBe('relay');
      await keepsDecoding(page);
      await page.locator('.call-screen[data-call-state="connected"]').waitFor();
    }
    // The old allocation was gone: the media path really broke (Chromium's own ICE state, nothing simulated).
    expect((await iceStates(ana.page)).slice(before)).toContain('disconnected');
    // The call itself never ended.
    expect(await ana.page.locator('.call-screen').count()).toBe(1);
    await ana.page.getByRole('button', { name: 'Hang up' }).click();
    await ben.page.locator('.call-screen').waitFor({ state: 'detached', timeout: 20_000 });
    expect([...ana.errors, ...ben.errors].filter((e) => !e.includes('favicon'))).toEqual([]);
  });
});
