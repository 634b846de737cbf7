import type { CallView } from '@confab/api';
import type { Backend, BackendEvent } from '../../lib/backend';
import { Store } from '../../lib/store';
import { CallSession } from './call-session';

const KEEP_ALIVE_MS = 10_000;

export interface CallsState {
  /** Calls ringing for me that this device has not answered or declined. */
  ringing: CallView[];
  /** Calls not over that I am a party to, by chat (group join banners). */
  open: Record<string, CallView>;
  /** The call this device is in; `minimised` while it floats small over the chats (picture-in-picture). */
  current: { call: CallView; session: CallSession; connectedAt: number | null; minimised: boolean } | null;
  /** Why the last call ended, for a moment ("Busy", "Call ended"). */
  notice: string | null;
}

const initial: CallsState = { ringing: [], open: {}, current: null, notice: null };
const stateOf = (call: CallView, userId: string) => call.participants.find((p) => p.userId === userId)?.state;

/**
 * The mesh rule: of each pair, the one who joined first offers. The server lists participants
 * in the order they joined (ties by id), so both ends of a pair agree without racing on which
 * event arrived first; two offers crossing (glare) would leave the pair unconnected.
 */
export function offersTo(joinedInOrder: readonly string[], me: string, other: string): boolean {
  const mine = joinedInOrder.indexOf(me);
  const theirs = joinedInOrder.indexOf(other);
  return mine >= 0 && theirs > mine;
}

/**
 * Calls for one signed-in device: ringing, answering, the session of the call it is in, and the
 * mesh rule that whoever was in the call first offers to whoever joins after (offersTo).
 */
export class CallController {
  readonly store = new Store<CallsState>(initial);
  private offs: (() => void)[] = [];
  private keepAlive: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly backend: Backend,
    private readonly me: string,
  ) {}

  start(): void {
    // A page that (re)loads is in no call, whatever the one before it was in (a renderer that crashed mid-call).
    this.declare(null);
    this.offs.push(this.backend.onEvent((event) => this.onEvent(event)));
    let wasOnline = this.backend.connection.get() === 'online';
    let everOnline = wasOnline;
    this.offs.push(
      this.backend.connection.subscribe((state) => {
        if (state === 'online' && !wasOnline && everOnline) {
          // The socket came back: the call's media may have lost its path too, and call events
          // are live-only, so what rang or ended meanwhile is read again.
          void this.store.get().current?.session.restartIce();
          void this.resync().catch(() => undefined);
        }
        wasOnline = state === 'online';
        everOnline ||= wasOnline;
      }),
    );
    void this.backend.call('calls.current').then(({ calls }) => calls.forEach((call) => this.update(call)), () => undefined);
  }

  stop(): void {
    for (const off of this.offs.splice(0)) off();
    this.leave(null);
  }

  async startCall(chatId: string, video: boolean): Promise<void> {
    if (this.store.get().current) return;
    const { iceServers } = await this.backend.call('calls.iceServers');
    // Camera and microphone first: if they are refused, nobody is rung for nothing.
    const session = new CallSession(this.backend, '', video, iceServers as RTCIceServer[]);
    await session.open();
    const started = await this.backend.call('calls.start', { chatId, video }).catch((error: unknown) => {
      session.close();
      throw error;
    });
    const call = started.call;
    if (call.state === 'ended') {
      session.close();
      return this.notice(call.endReason === 'busy' ? 'Busy: they are on another call' : 'Call ended');
    }
    session.callId = call.id;
    this.setCurrent(call, session);
    await this.join(call, video, [], session);
  }

  async accept(call: CallView, video: boolean): Promise<void> {
    if (this.store.get().current) await this.hangUp();
    const { iceServers } = await this.backend.call('calls.iceServers');
    // The session exists before the answer goes out, so the caller's offer finds it.
    const session = new CallSession(this.backend, call.id, video && call.video, iceServers as RTCIceServer[]);
    this.setCurrent(call, session);
    try {
      await session.open();
      const joined = await this.backend.call('calls.accept', { callId: call.id });
      await this.join(joined, video, [], session);
    } catch (error) {
      this.leave('Could not join the call');
      throw error;
    }
  }

  /** Joins a group call already going on (from the chat's banner), with the camera if it is a video call. */
  async joinGroupCall(call: CallView): Promise<void> {
    return this.accept(call, call.video);
  }

  async decline(call: CallView): Promise<void> {
    this.store.set((s) => ({ ...s, ringing: s.ringing.filter((c) => c.id !== call.id) }));
    await this.backend.call('calls.decline', { callId: call.id });
  }

  /** Picture-in-picture: the call shrinks to a floating window so the chats can be used. */
  minimise(): void {
    this.store.set((s) => (s.current && !s.current.minimised ? { ...s, current: { ...s.current, minimised: true } } : s));
  }

  /** Back to the full call screen. */
  restore(): void {
    this.store.set((s) => (s.current?.minimised ? { ...s, current: { ...s.current, minimised: false } } : s));
  }

  async hangUp(): Promise<void> {
    const current = this.store.get().current;
    if (!current) return;
    this.leave(null);
    await this.backend.call('calls.end', { callId: current.call.id }).catch(() => undefined);
  }

  private async join(call: CallView, video: boolean, iceServers: RTCIceServer[], existing?: CallSession): Promise<void> {
    const session = existing ?? new CallSession(this.backend, call.id, video, iceServers);
    if (!existing) {
      this.setCurrent(call, session);
      try {
        await session.open();
      } catch (error) {
        await this.hangUp();
        throw error;
      }
    }
    // This device is in the call now: the desktop's tray offers to hang up (a tab ignores it).
    this.declare(call);
    this.keepAlive ??= setInterval(() => {
      const current = this.store.get().current;
      if (current) void this.backend.call('calls.keepAlive', { callId: current.call.id }).catch(() => undefined);
    }, KEEP_ALIVE_MS);
    // An answer may have arrived while the camera was opening.
    const latest = this.store.get().open[call.chatId];
    this.update(latest?.id === call.id ? latest : call);
  }

  private setCurrent(call: CallView, session: CallSession): void {
    session.changes.on(() => {
      const connected = session.peerViews.some((p) => p.state === 'connected');
      this.store.set((s) => (s.current?.session === session ? { ...s, current: { ...s.current, connectedAt: s.current.connectedAt ?? (connected ? Date.now() : null) } } : s));
    });
    this.store.set((s) => ({ ...s, notice: null, ringing: s.ringing.filter((c) => c.id !== call.id), current: { call, session, connectedAt: null, minimised: false } }));
  }

  /** "Answer" on the desktop's OS notification: as the screen's Answer, with the camera for a video call. */
  private async answerFromNotification(callId: string): Promise<void> {
    const ringing = this.store.get().ringing.find((c) => c.id === callId) ?? (await this.backend.call('calls.current')).calls.find((c) => c.id === callId);
    if (ringing && ringing.state !== 'ended') await this.accept(ringing, ringing.video);
  }

  private onEvent(event: BackendEvent): void {
    if (event.type === 'shell.answerCall') void this.answerFromNotification(event.callId).catch(() => undefined);
    else if (event.type === 'shell.hangUpCall') {
      if (this.store.get().current?.call.id === event.callId) void this.hangUp();
    } else if (event.type === 'call.updated') this.update(event.call);
    else if (event.type === 'call.ended') this.ended(event.call);
    // Added to a group mid-call: its call is open to me, but its events only reach me from its
    // next change, so its join banner is read now.
    else if (event.type === 'member.joined' && event.userId === this.me) void this.openCallsNow().catch(() => undefined);
    else if (event.type === 'call.signal') {
      const current = this.store.get().current;
      if (current?.call.id === event.callId) void current.session.receive(event);
    }
  }

  /**
   * After the socket was down: the server's open calls are the truth. A ring that ended meanwhile
   * stops, one still ringing shows (again), and a call this device was in that is over closes.
   */
  private async resync(): Promise<void> {
    const { calls } = await this.backend.call('calls.current');
    const open = new Set(calls.map((c) => c.id));
    const s = this.store.get();
    const gone = [...s.ringing, ...Object.values(s.open), ...(s.current ? [s.current.call] : [])].filter((c) => !open.has(c.id));
    for (const call of gone) this.ended({ ...call, state: 'ended', endReason: call.id === s.current?.call.id ? 'completed' : call.endReason });
    for (const call of calls) this.update(call);
  }

  private async openCallsNow(): Promise<void> {
    const { calls } = await this.backend.call('calls.current');
    for (const call of calls) this.update(call);
  }

  private update(call: CallView): void {
    if (call.state === 'ended') return this.ended(call);
    const current = this.store.get().current;
    const mine = current?.call.id === call.id;
    const ringsHere = !mine && stateOf(call, this.me) === 'ringing';
    this.store.set((s) => ({
      ...s,
      open: { ...s.open, [call.chatId]: call },
      ringing: ringsHere ? [...s.ringing.filter((c) => c.id !== call.id), call] : s.ringing.filter((c) => c.id !== call.id),
      current: mine && s.current ? { ...s.current, call } : s.current,
    }));
    if (!mine || !current) return;
    const joined = call.participants.filter((p) => p.state === 'joined').map((p) => p.userId);
    for (const p of call.participants) {
      if (p.userId === this.me) continue;
      const inCall = p.state === 'joined';
      if (inCall && !current.session.has(p.userId) && offersTo(joined, this.me, p.userId)) void current.session.call(p.userId);
      if (!inCall && current.session.has(p.userId)) current.session.drop(p.userId);
    }
  }

  private ended(call: CallView): void {
    this.store.set((s) => {
      const open = { ...s.open };
      if (open[call.chatId]?.id === call.id) delete open[call.chatId];
      return { ...s, open, ringing: s.ringing.filter((c) => c.id !== call.id) };
    });
    if (this.store.get().current?.call.id === call.id) this.leave(call.endReason === 'declined' ? 'Call declined' : call.endReason === 'missed' ? 'No answer' : 'Call ended');
  }

  private leave(notice: string | null): void {
    const current = this.store.get().current;
    current?.session.close();
    if (current) this.declare(null);
    if (this.keepAlive) clearInterval(this.keepAlive);
    this.keepAlive = null;
    this.store.set((s) => ({ ...s, current: null, notice: notice ?? s.notice }));
    if (notice) this.notice(notice);
  }

  /** Tells the device which call this page is in, or none (`shell.setCall`). */
  private declare(call: CallView | null): void {
    void this.backend.call('shell.setCall', { call: call ? { callId: call.id, chatId: call.chatId } : null }).catch(() => undefined);
  }

  private notice(text: string): void {
    this.store.set((s) => ({ ...s, notice: text }));
    setTimeout(() => this.store.set((s) => (s.notice === text ? { ...s, notice: null } : s)), 4_000);
  }
}
