import { FAKE_MEDIA_DEVICES, launchChromium, openWatchedPage, type WatchedPage } from '@confab/testing/browser';
import { hasTurnserver, startCoturn, type Coturn } from '@confab/testing/coturn';
import { signIn, type SignedInUser } from '@confab/testing/sign-in';
import { startTestServer, type TestServer } from '@confab/testing/test-server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const SECRET = 'coturn-test-secret-0123456789';
const installed = hasTurnserver();
if (!installed) console.warn('turnserver (Debian coturn) is not installed: the TURN relay test is skipped');

type Signal = { description?: { type: string; sdp?: string }; candidate?: Record<string, unknown> };

/**
 * The page's side of a call, with nothing but the browser's WebRTC: relay-only ICE, fake camera
 * and microphone, signals in and out through `window.sendSignal` / `rtc.receive`.
 */
const PAGE_RTC = `
window.rtc = (() => {
  let pc;
  const early = [];
  return {
    async start(iceServers) {
      pc = new RTCPeerConnection({ iceServers, iceTransportPolicy: 'relay' });
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
      for (const track of stream.getTracks()) pc.addTrack(track, stream);
      pc.onicecandidate = (e) => { if (e.candidate) window.sendSignal({ candidate: e.candidate.toJSON() }); };
    },
    async offer() {
      await pc.setLocalDescription(await pc.createOffer());
      window.sendSignal({ description: { type: pc.localDescription.type, sdp: pc.localDescription.sdp } });
    },
    async receive(signal) {
      if (signal.candidate) {
        if (pc.remoteDescription) await pc.addIceCandidate(signal.candidate); else early.push(signal.candidate);
        return;
      }
      await pc.setRemoteDescription(signal.description);
      for (const c of early.splice(0)) await pc.addIceCandidate(c);
      if (signal.description.type === 'offer') {
        await pc.setLocalDescription(await pc.createAnswer());
        window.sendSignal({ description: { type: pc.localDescription.type, sdp: pc.localDescription.sdp } });
      }
    },
    async stats() {
      const report = await pc.getStats();
      let framesDecoded = 0, localType = null, remoteType = null;
      report.forEach((s) => {
        if (s.type === 'inbound-rtp' && s.kind === 'video') framesDecoded = s.framesDecoded || 0;
        if (s.type === 'transport' && s.selectedCandidatePairId) {
          const pair = report.get(s.selectedCandidatePairId);
          localType = report.get(pair.localCandidateId)?.candidateType ?? null;
          remoteType = report.get(pair.remoteCandidateId)?.candidateType ?? null;
        }
      });
      return { state: pc.connectionState, framesDecoded, localType, remoteType };
    },
  };
})();
`;

describe.skipIf(!installed)('a call relayed through a real coturn (TURN REST credentials, relay only)', () => {
  let coturn: Coturn, server: TestServer, browser: Browser;
  let ana: SignedInUser, ben: SignedInUser;
  const tabs: WatchedPage[] = [];
  const subscriptions: { unsubscribe(): void }[] = [];

  beforeAll(async () => {
    coturn = await startCoturn(SECRET);
    server = await startTestServer({ env: { ICE_SERVERS: coturn.url, TURN_SECRET: SECRET } });
    [ana, ben] = await Promise.all([signIn(server), signIn(server)]);
    browser = await launchChromium([...FAKE_MEDIA_DEVICES, '--allow-loopback-in-peer-connection']);
  }, 120_000);

  afterAll(async () => {
    for (const s of subscriptions) s.unsubscribe();
    await browser?.close();
    await Promise.all([ana?.close(), ben?.close()]);
    await server?.stop();
    await coturn?.stop();
  });

  it('connects two Chromium pages through the relay, and video frames are decoded on both', async () => {
    const chatId = (await ana.trpc.chats.openDirect.mutate({ userId: ben.user.id })).id;
    const { callId } = await ana.trpc.calls.start.mutate({ chatId, video: true });
    await ben.trpc.calls.accept.mutate({ callId });

    const people = [
      { me: ana, other: ben },
      { me: ben, other: ana },
    ];
    for (const { me, other } of people) {
      const tab = await openWatchedPage(browser);
      tabs.push(tab);
      // A secure context on loopback (getUserMedia needs one).
      await tab.page.goto(`${server.url}/healthz`);
      await tab.page.exposeFunction('sendSignal', (signal: Signal) => me.trpc.calls.signal.mutate({ callId, toUserId: other.user.id, ...signal } as never));
      await tab.page.evaluate(PAGE_RTC);
      // Each page's ICE servers come from the server: the coturn URL with credentials made now.
      const { iceServers } = await me.trpc.calls.iceServers.query();
      expect(iceServers[0]?.username).toMatch(new RegExp(`^\\d+:${me.user.id}$`));
      await tab.page.evaluate((servers) => (window as unknown as { rtc: { start(s: unknown): Promise<void> } }).rtc.start(servers), iceServers);
      const started = new Promise<void>((resolve) => {
        subscriptions.push(
          me.trpc.sync.events.subscribe(
            {},
            {
              onStarted: () => resolve(),
              onData: (data: unknown) => {
                const event = data as { type?: string } & Signal;
                if (event.type !== 'call.signal') return;
                void tab.page.evaluate((s) => (window as unknown as { rtc: { receive(s: unknown): Promise<void> } }).rtc.receive(s), { description: event.description, candidate: event.candidate });
              },
            },
          ),
        );
      });
      await started;
    }

    await tabs[0]!.page.evaluate(() => (window as unknown as { rtc: { offer(): Promise<void> } }).rtc.offer());
    const stats = (i: number) => tabs[i]!.page.evaluate(() => (window as unknown as { rtc: { stats(): Promise<{ state: string; framesDecoded: number; localType: string | null; remoteType: string | null }> } }).rtc.stats());
    for (const i of [0, 1]) {
      await vi.waitFor(async () => expect(await stats(i)).toMatchObject({ state: 'connected', localType: 'relay' }), { timeout: 30_000, interval: 250 });
      const first = (await stats(i)).framesDecoded;
      await vi.waitFor(async () => expect((await stats(i)).framesDecoded).toBeGreaterThan(first + 5), { timeout: 30_000, interval: 250 });
    }
    await ana.trpc.calls.end.mutate({ callId });
    // The loopback page is /healthz; its missing favicon is the only thing allowed to fail.
    expect(tabs.flatMap((t) => t.errors).filter((e) => !e.includes('favicon.ico'))).toEqual([]);
  });
});
