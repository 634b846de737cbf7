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
  /** The size of the video arriving from the other side (0 before the first frame). */
  frameWidth: number;
  frameHeight: number;
  /** The other side's ICE username fragment: it changes when they restart ICE. */
  remoteIceUfrag: string | null;
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
        let frameWidth = 0;
        let frameHeight = 0;
        report.forEach((s: Record<string, unknown>) => {
          if (s.type === 'inbound-rtp' && s.kind === 'video') {
            framesDecoded += Number(s.framesDecoded ?? 0);
            frameWidth = Number(s.frameWidth ?? 0);
            frameHeight = Number(s.frameHeight ?? 0);
          }
          if (s.type === 'inbound-rtp' && s.kind === 'audio') inboundAudioLevel = Math.max(inboundAudioLevel, Number(s.audioLevel ?? 0));
        });
        const sendingAudio = pc.getSenders().some((sender) => sender.track?.kind === 'audio' && sender.track.enabled && sender.track.readyState === 'live');
        const remoteIceUfrag = /a=ice-ufrag:(\S+)/.exec(pc.remoteDescription?.sdp ?? '')?.[1] ?? null;
        return { state: pc.connectionState, framesDecoded, inboundAudioLevel, sendingAudio, frameWidth, frameHeight, remoteIceUfrag };
      }),
    );
  });
}

/**
 * Lets a test cut the page's WebSockets as a network drop would: `dropSockets` closes them, and
 * while `offline` the client's reconnects fail (they are aimed at a path the server refuses), so
 * whatever the server sends meanwhile is lost to this page.
 */
export async function controlSockets(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = window.WebSocket;
    const control = { sockets: [] as WebSocket[], offline: false };
    (window as unknown as { __sockets: typeof control }).__sockets = control;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        const target = new URL(url, location.href);
        // A path the server refuses to upgrade: the reconnect fails as if the network were down.
        if (control.offline) target.pathname = '/offline';
        super(target, protocols);
        control.sockets.push(this);
      }
    } as typeof WebSocket;
  });
}

/** Closes the page's open sockets; with `stayOffline`, reconnecting fails until `goOnline`. */
export async function dropSockets(page: Page, { stayOffline = false } = {}): Promise<void> {
  await page.evaluate((offline) => {
    const control = (window as unknown as { __sockets: { sockets: WebSocket[]; offline: boolean } }).__sockets;
    control.offline = offline;
    for (const socket of control.sockets) if (socket.readyState <= WebSocket.OPEN) socket.close();
  }, stayOffline);
}

export async function goOnline(page: Page): Promise<void> {
  await page.evaluate(() => void ((window as unknown as { __sockets: { offline: boolean } }).__sockets.offline = false));
}

/** How many of the page's sockets are open now. */
export function openSockets(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __sockets: { sockets: WebSocket[] } }).__sockets.sockets.filter((s) => s.readyState === WebSocket.OPEN).length);
}
