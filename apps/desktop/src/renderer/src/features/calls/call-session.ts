import type { CallSignal } from '@confab/api';
import type { Backend } from '../../lib/backend';
import { Emitter } from '../../lib/emitter';

type IceServers = RTCIceServer[];
export type Quality = 'good' | 'fair' | 'poor';

export interface PeerView {
  userId: string;
  stream: MediaStream | null;
  state: RTCPeerConnectionState;
  quality: Quality | null;
  framesDecoded: number;
  /** Video is arriving: their camera, or in a voice call the screen they share. */
  video: boolean;
}

interface Peer {
  pc: RTCPeerConnection;
  /** What arrives from them: their audio, and their video while frames come (a muted track is left out). */
  stream: MediaStream | null;
  /** Every track the connection has received, muted or not. */
  tracks: MediaStreamTrack[];
  early: RTCIceCandidateInit[];
  quality: Quality | null;
  framesDecoded: number;
  /**
   * This side made the first offer, so it also makes the ICE-restart offer, and it is the
   * "impolite" side of perfect negotiation: when two offers cross, its own wins.
   */
  offerer: boolean;
  /** An offer of ours is being made (perfect negotiation: a crossing offer is a collision). */
  makingOffer: boolean;
  /** Their crossing offer was ignored (we are impolite), so its candidates may fail to add. */
  ignoreOffer: boolean;
  /** Pending ICE restart after the connection went 'disconnected' (it may recover by itself). */
  restartTimer: ReturnType<typeof setTimeout> | null;
}

const STATS_MS = 2_000;
/** How long a 'disconnected' ICE connection may stay so before the offerer restarts ICE. */
const DISCONNECTED_GRACE_MS = 2_500;

/**
 * One device's media in a call: the local stream and one RTCPeerConnection per other person
 * (a mesh). Offers, answers and candidates travel through `calls.signal`; `changes` fires when
 * anything the screen shows changed.
 */
export class CallSession {
  readonly changes = new Emitter<void>();
  local: MediaStream | null = null;
  muted = false;
  cameraOn: boolean;
  /** The shared screen's track while sharing: it goes out instead of the camera. */
  screen: MediaStream | null = null;
  private readonly peers = new Map<string, Peer>();
  private statsTimer: ReturnType<typeof setInterval> | null = null;
  private closed = false;

  constructor(
    private readonly backend: Backend,
    /** Known once the server made the call (the caller opens the camera first). */
    public callId: string,
    readonly video: boolean,
    private readonly iceServers: IceServers,
  ) {
    this.cameraOn = video;
  }

  async open(devices: { audio?: string; video?: string } = {}): Promise<void> {
    this.local = await navigator.mediaDevices.getUserMedia({
      audio: devices.audio ? { deviceId: { exact: devices.audio } } : true,
      video: this.video ? (devices.video ? { deviceId: { exact: devices.video } } : { width: 640, height: 480 }) : false,
    });
    this.statsTimer = setInterval(() => void this.readStats(), STATS_MS);
    this.changes.emit();
  }

  get peerViews(): PeerView[] {
    return [...this.peers].map(([userId, p]) => ({ userId, stream: p.stream, state: p.pc.connectionState, quality: p.quality, framesDecoded: p.framesDecoded, video: (p.stream?.getVideoTracks().length ?? 0) > 0 }));
  }

  has(userId: string): boolean {
    return this.peers.has(userId);
  }

  /**
   * Opens the connection to someone who joined after this device: this side offers (the
   * connection's first negotiationneeded, once its tracks are added).
   */
  async call(userId: string): Promise<void> {
    this.peer(userId, true);
  }

  /**
   * Their offer, answer or candidate. Either side may offer at any time (a screen shared in a
   * voice call adds video, an ICE restart), so offers can cross: "perfect negotiation" settles
   * it — the side that made the first offer ignores theirs, the other rolls its own back and
   * answers, and its change is offered again once the connection is stable.
   */
  async receive(signal: CallSignal): Promise<void> {
    const peer = this.peers.get(signal.fromUserId) ?? this.peer(signal.fromUserId, false);
    const { pc } = peer;
    try {
      if (signal.candidate) {
        if (pc.remoteDescription) await pc.addIceCandidate(signal.candidate).catch(() => undefined);
        else peer.early.push(signal.candidate);
        return;
      }
      const description = signal.description as RTCSessionDescriptionInit | undefined;
      if (!description) return;
      const collision = description.type === 'offer' && (peer.makingOffer || pc.signalingState !== 'stable');
      peer.ignoreOffer = peer.offerer && collision;
      if (peer.ignoreOffer) return;
      // A polite side's own pending offer is rolled back by this (implicit rollback).
      await pc.setRemoteDescription(description);
      for (const candidate of peer.early.splice(0)) await pc.addIceCandidate(candidate).catch(() => undefined);
      if (description.type === 'offer') {
        await pc.setLocalDescription();
        await this.send(signal.fromUserId, { description: { type: 'answer', sdp: pc.localDescription!.sdp } });
      }
    } catch {
      // The connection closed meanwhile, or an answer came for an offer already rolled back:
      // nothing to do, the next negotiation starts from where the connection is.
    }
  }

  /** Offers whatever the connection needs negotiated now: its first tracks, a shared screen, new ICE credentials. */
  private async negotiate(userId: string, peer: Peer): Promise<void> {
    if (this.closed || this.peers.get(userId) !== peer) return;
    try {
      peer.makingOffer = true;
      await peer.pc.setLocalDescription();
      const local = peer.pc.localDescription;
      if (local?.type === 'offer') await this.send(userId, { description: { type: 'offer', sdp: local.sdp } });
    } catch {
      // Closed meanwhile, or their offer arrived first and won: negotiationneeded fires again when stable.
    } finally {
      peer.makingOffer = false;
    }
  }

  /**
   * After this device's socket came back from a drop: new ICE candidates on every connection.
   * Only this side noticed, so it offers whether or not it made the first offer (a crossing
   * offer is settled in receive).
   */
  async restartIce(): Promise<void> {
    for (const [userId, peer] of this.peers) await this.restartPeer(userId, peer, true);
  }

  /**
   * An ICE restart offer for one connection; the other side answers as for any offer. When the
   * media path fails both sides see it, so then only the side that made the first offer restarts.
   */
  private async restartPeer(userId: string, peer: Peer, eitherSide = false): Promise<void> {
    if (peer.restartTimer) clearTimeout(peer.restartTimer);
    peer.restartTimer = null;
    if (this.closed || (!peer.offerer && !eitherSide) || this.peers.get(userId) !== peer) return;
    // The next offer carries new ICE credentials; negotiationneeded makes it (after any offer in flight).
    peer.pc.restartIce();
  }

  /**
   * Shares the screen with everyone in the call: in a video call instead of the camera (which
   * stays open, to come back to); in a voice call as video added to the call (renegotiated).
   */
  async shareScreen(): Promise<void> {
    if (this.screen || !this.canShareScreen) return;
    const display = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    const track = display.getVideoTracks()[0];
    if (!track || this.closed) return void display.getTracks().forEach((t) => t.stop());
    // Text and lines stay sharp rather than smooth.
    track.contentHint = 'detail';
    // The browser's (or the OS's) own "Stop sharing" ends the track: back to the camera.
    track.addEventListener('ended', () => void this.stopScreenShare());
    this.screen = display;
    if (this.sendsCamera) await this.sendVideo(track);
    else for (const peer of this.peers.values()) await addScreen(peer.pc, track);
    this.changes.emit();
  }

  async stopScreenShare(): Promise<void> {
    const display = this.screen;
    if (!display) return;
    this.screen = null;
    display.getTracks().forEach((t) => t.stop());
    if (this.sendsCamera) await this.sendVideo(this.local?.getVideoTracks()[0] ?? null);
    else for (const peer of this.peers.values()) await removeScreen(peer.pc);
    this.changes.emit();
  }

  get canShareScreen(): boolean {
    return this.local !== null && typeof navigator.mediaDevices.getDisplayMedia === 'function';
  }

  /** The camera's video goes out (a video call): a shared screen takes its place rather than adding video. */
  private get sendsCamera(): boolean {
    return (this.local?.getVideoTracks().length ?? 0) > 0;
  }

  private async sendVideo(track: MediaStreamTrack | null): Promise<void> {
    for (const peer of this.peers.values()) await videoSender(peer.pc)?.replaceTrack(track);
  }

  drop(userId: string): void {
    const peer = this.peers.get(userId);
    if (peer?.restartTimer) clearTimeout(peer.restartTimer);
    peer?.pc.close();
    this.peers.delete(userId);
    this.changes.emit();
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    for (const track of this.local?.getAudioTracks() ?? []) track.enabled = !muted;
    this.changes.emit();
  }

  setCamera(on: boolean): void {
    this.cameraOn = on;
    for (const track of this.local?.getVideoTracks() ?? []) track.enabled = on;
    this.changes.emit();
  }

  /** Another microphone or camera: its track replaces the old one on every connection. */
  async useDevice(kind: 'audio' | 'video', deviceId: string): Promise<void> {
    if (!this.local) return;
    const fresh = await navigator.mediaDevices.getUserMedia(kind === 'audio' ? { audio: { deviceId: { exact: deviceId } } } : { video: { deviceId: { exact: deviceId } } });
    const track = fresh.getTracks()[0]!;
    track.enabled = kind === 'audio' ? !this.muted : this.cameraOn;
    const old = kind === 'audio' ? this.local.getAudioTracks()[0] : this.local.getVideoTracks()[0];
    for (const peer of this.peers.values()) {
      // While the screen is shared, the new camera waits in the wings.
      if (kind === 'video' && this.screen) continue;
      const sender = kind === 'video' ? videoSender(peer.pc) : peer.pc.getSenders().find((s) => s.track?.kind === kind);
      await sender?.replaceTrack(track);
    }
    if (old) {
      this.local.removeTrack(old);
      old.stop();
    }
    this.local.addTrack(track);
    this.changes.emit();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.statsTimer) clearInterval(this.statsTimer);
    for (const peer of this.peers.values()) {
      if (peer.restartTimer) clearTimeout(peer.restartTimer);
      peer.pc.close();
    }
    this.peers.clear();
    for (const track of [...(this.local?.getTracks() ?? []), ...(this.screen?.getTracks() ?? [])]) track.stop();
    this.screen = null;
    this.changes.emit();
  }

  private peer(userId: string, offerer: boolean): Peer {
    const pc = new RTCPeerConnection({ iceServers: this.iceServers });
    const peer: Peer = { pc, stream: null, tracks: [], early: [], quality: null, framesDecoded: 0, offerer, makingOffer: false, ignoreOffer: false, restartTimer: null };
    this.peers.set(userId, peer);
    pc.onnegotiationneeded = () => void this.negotiate(userId, peer);
    // Someone joining while the screen is shared sees the screen too.
    const sharing = this.screen?.getVideoTracks()[0];
    for (const track of this.local?.getTracks() ?? []) pc.addTrack(sharing && track.kind === 'video' ? sharing : track, this.local!);
    if (this.local && !this.sendsCamera) {
      if (sharing) pc.addTrack(sharing);
      // The first offer of a voice-only side still has a video line: to receive a video
      // caller's camera, or a screen the other side shares later.
      else if (offerer) pc.addTransceiver('video', { direction: 'recvonly' });
    }
    pc.onicecandidate = (e) => {
      if (e.candidate) void this.send(userId, { candidate: e.candidate.toJSON() as CallSignal['candidate'] });
    };
    pc.ontrack = (e) => {
      if (!peer.tracks.includes(e.track)) peer.tracks.push(e.track);
      // Their video stops (they stopped sharing, or the line went inactive): the track is muted, not ended.
      e.track.onmute = e.track.onunmute = () => this.refreshStream(peer);
      this.refreshStream(peer);
    };
    pc.onconnectionstatechange = () => this.changes.emit();
    // The media path broke (Wi-Fi changed, a NAT forgot us) while signalling may still work:
    // 'failed' restarts ICE at once, 'disconnected' after a grace in which it often recovers.
    pc.oniceconnectionstatechange = () => {
      const state = pc.iceConnectionState;
      if (state === 'failed') void this.restartPeer(userId, peer);
      else if (state === 'disconnected') peer.restartTimer ??= setTimeout(() => void this.restartPeer(userId, peer), DISCONNECTED_GRACE_MS);
      else if (peer.restartTimer) {
        clearTimeout(peer.restartTimer);
        peer.restartTimer = null;
      }
    };
    return peer;
  }

  /**
   * A new stream object whenever what arrives changes, so a <video> shows it afresh; a muted
   * video track is left out, so a voice call with no screen shared stays a voice call.
   */
  private refreshStream(peer: Peer): void {
    const live = peer.tracks.filter((t) => t.readyState === 'live' && (t.kind === 'audio' || !t.muted));
    const now = peer.stream?.getTracks() ?? [];
    if (peer.stream && live.length === now.length && live.every((t) => now.includes(t))) return;
    peer.stream = live.length > 0 ? new MediaStream(live) : null;
    this.changes.emit();
  }

  private async send(toUserId: string, signal: Pick<CallSignal, 'description' | 'candidate'>): Promise<void> {
    if (this.closed) return;
    await this.backend.call('calls.signal', { callId: this.callId, toUserId, ...signal } as never).catch(() => undefined);
  }

  /** Connection quality from getStats: round-trip time and the share of packets lost. */
  private async readStats(): Promise<void> {
    for (const peer of this.peers.values()) {
      const report = await peer.pc.getStats();
      let rtt = 0;
      let lost = 0;
      let received = 0;
      let frames = 0;
      report.forEach((s: Record<string, unknown>) => {
        if (s.type === 'candidate-pair' && s.nominated && typeof s.currentRoundTripTime === 'number') rtt = s.currentRoundTripTime;
        if (s.type === 'inbound-rtp') {
          lost += Number(s.packetsLost ?? 0);
          received += Number(s.packetsReceived ?? 0);
          if (s.kind === 'video') frames = Number(s.framesDecoded ?? 0);
        }
      });
      const loss = received + lost > 0 ? lost / (received + lost) : 0;
      peer.framesDecoded = frames;
      peer.quality = peer.pc.connectionState !== 'connected' ? null : loss > 0.08 || rtt > 0.6 ? 'poor' : loss > 0.02 || rtt > 0.3 ? 'fair' : 'good';
    }
    this.changes.emit();
  }
}

/**
 * A voice call's shared screen: sent on the connection's video line (made sending), or on a new
 * one. The change of direction fires negotiationneeded, and the renegotiation tells the other side.
 */
async function addScreen(pc: RTCPeerConnection, track: MediaStreamTrack): Promise<void> {
  const line = pc.getTransceivers().find((t) => t.receiver.track.kind === 'video' && t.direction !== 'stopped');
  if (!line) return void pc.addTrack(track);
  line.direction = 'sendrecv';
  await line.sender.replaceTrack(track);
}

/** Stops sending the screen: the video line goes back to receiving only (renegotiated), so their video track mutes. */
async function removeScreen(pc: RTCPeerConnection): Promise<void> {
  for (const line of pc.getTransceivers()) {
    if (line.receiver.track.kind !== 'video' || line.direction === 'stopped' || !line.sender.track) continue;
    await line.sender.replaceTrack(null);
    line.direction = 'recvonly';
  }
}

/** The sender that carries video: the camera's, or the screen's while it is shared. */
function videoSender(pc: RTCPeerConnection): RTCRtpSender | undefined {
  return pc.getTransceivers().find((t) => t.sender.track?.kind === 'video' || (t.receiver.track.kind === 'video' && t.direction !== 'recvonly' && t.direction !== 'inactive'))?.sender;
}
