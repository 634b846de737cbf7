import type { Page } from 'playwright-core';

/**
 * Chromium flags for WebRTC between pages on this one machine: fake camera and microphone with
 * no prompt, loopback candidates allowed, and real host addresses instead of mDNS names (headless
 * Chromium cannot resolve those, so two tabs would never connect).
 */
export const WEBRTC_CHROMIUM_ARGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--autoplay-policy=no-user-gesture-required',
];

/** Keeps every RTCPeerConnection the app makes, so the test can read getStats like a user's chrome://webrtc-internals. */
export async function watchPeerConnections(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const all: RTCPeerConnection[] = [];
    (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections = all;
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        all.push(this);
      }
    } as typeof RTCPeerConnection;
  });
}

export interface PeerStats {
  state: RTCPeerConnectionState;
  /** Video frames decoded from the other side. */
  framesDecoded: number;
  /** The loudness of what arrives from the other side (0 = silence). */
  inboundAudioLevel: number;
  /** Whether this side's microphone track is live in the connection (muted = false). */
  sendingAudio: boolean;
}

/** getStats of each open connection the page's app made, in the order they were made. */
export function peerStats(page: Page): Promise<PeerStats[]> {
  return page.evaluate(async () => {
    const all = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    const open = all.filter((pc) => pc.connectionState !== 'closed');
    return Promise.all(
      open.map(async (pc) => {
        const report = await pc.getStats();
        let framesDecoded = 0;
        let inboundAudioLevel = 0;
        report.forEach((s: Record<string, unknown>) => {
          if (s.type === 'inbound-rtp' && s.kind === 'video') framesDecoded += Number(s.framesDecoded ?? 0);
          if (s.type === 'inbound-rtp' && s.kind === 'audio') inboundAudioLevel = Math.max(inboundAudioLevel, Number(s.audioLevel ?? 0));
        });
        const sendingAudio = pc.getSenders().some((sender) => sender.track?.kind === 'audio' && sender.track.enabled && sender.track.readyState === 'live');
        return { state: pc.connectionState, framesDecoded, inboundAudioLevel, sendingAudio };
      }),
    );
  });
}
