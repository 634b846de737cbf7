import type { CallView } from '@confab/api';
import { missedByMe, missedNotification, myStateIn, ringingNotification, type CallWords } from '../notify/call-alerts.js';
import type { CoreRuntime } from '../runtime.js';
import type { CallHere, CoreEvent } from '../types.js';
import type { NotificationsFeature } from './notifications.js';

/** Missed calls already announced, so a repeated end event does not announce one twice. */
const MAX_REMEMBERED = 100;

/**
 * Calls as main shows them outside the page: an OS notification while a call rings for me
 * (closed once it stops ringing — answered or declined on any device, missed, hung up), one for a
 * missed call, and the call this device is in (for the tray). The page's own call screens hear
 * the same `call.*` events and are unaffected.
 *
 * This device's call is what its page declares (`shell.setCall`, from the page's call controller
 * when it starts, answers or leaves one): the call views do not say which device of mine joined.
 * A call that ends, a sign-out, or a call gone from the server after a reconnect clears it.
 */
export class CallAlertsFeature {
  private readonly ringing = new Set<string>();
  private readonly announcedMissed = new Set<string>();
  /** Calls known to be over, so a declaration that crossed their end does not bring one back. */
  private readonly ended = new Set<string>();
  private here: CallHere | null = null;

  constructor(
    private readonly rt: CoreRuntime,
    private readonly notifications: NotificationsFeature,
  ) {
    rt.emitter.subscribe((event) => this.onEvent(event));
  }

  /** The call this device is in, or null. */
  current(): CallHere | null {
    return this.here;
  }

  /** The page says which call it is in now, or none; the title is the cache's name for the chat. */
  declare(call: { callId: string; chatId: string } | null): void {
    if (!call) return this.setHere(null);
    if (this.ended.has(call.callId)) return;
    this.setHere({ ...call, title: this.titleOf(call.chatId) ?? 'Call' });
  }

  /** This device left the call (the tray's Hang up ended it on the server). */
  left(callId: string): void {
    if (this.here?.callId === callId) this.setHere(null);
  }

  /**
   * Back online: a ring whose end was announced while the stream was down is closed now, and the
   * tray forgets a call that is over.
   */
  async onOnline(): Promise<void> {
    if (this.ringing.size === 0 && !this.here) return;
    const me = this.rt.cache.me();
    const { calls } = await this.rt.http.calls.current.query();
    const open = new Map(calls.map((c) => [c.id, c]));
    for (const callId of [...this.ringing]) {
      const call = open.get(callId);
      if (!call || !me || myStateIn(call, me) !== 'ringing') this.stopRinging(callId);
    }
    if (this.here && !open.has(this.here.callId)) this.setHere(null);
  }

  /** Signed out: nothing of the last account's calls stays on screen. */
  forget(): void {
    for (const callId of [...this.ringing]) this.stopRinging(callId);
    this.setHere(null);
  }

  private onEvent(event: CoreEvent): void {
    if (event.type === 'call.updated') this.updated(event.call);
    else if (event.type === 'call.ended') this.callEnded(event.call);
    else if (event.type === 'shell.signedOut') this.forget();
  }

  private updated(call: CallView): void {
    const me = this.rt.cache.me();
    if (!me) return;
    const state = myStateIn(call, me);
    if (state === 'ringing' && !this.ringing.has(call.id)) {
      this.ringing.add(call.id);
      const notification = ringingNotification(call, this.words(call), this.notifications.settings());
      if (notification) this.emit({ type: 'call.alert', alert: { kind: 'ringing', notification } });
    } else if (state !== 'ringing') {
      this.stopRinging(call.id);
      // A group call goes on after my ring ran out.
      if (state === 'missed') this.announceMissed(call, me);
    }
  }

  private callEnded(call: CallView): void {
    this.ended.add(call.id);
    while (this.ended.size > MAX_REMEMBERED) this.ended.delete(this.ended.values().next().value!);
    const me = this.rt.cache.me();
    this.stopRinging(call.id);
    if (me && missedByMe(call, me)) this.announceMissed(call, me);
    if (this.here?.callId === call.id) this.setHere(null);
  }

  private stopRinging(callId: string): void {
    if (this.ringing.delete(callId)) this.emit({ type: 'call.alert', alert: { kind: 'stopped', callId } });
  }

  private announceMissed(call: CallView, me: string): void {
    if (call.callerId === me || this.announcedMissed.has(call.id)) return;
    this.announcedMissed.add(call.id);
    while (this.announcedMissed.size > MAX_REMEMBERED) this.announcedMissed.delete(this.announcedMissed.values().next().value!);
    const notification = missedNotification(call, this.words(call), this.notifications.settings(), { now: this.rt.now(), focus: this.notifications.focusNow() });
    if (notification) this.emit({ type: 'call.alert', alert: { kind: 'missed', notification } });
  }

  private setHere(here: CallHere | null): void {
    if (this.here?.callId === here?.callId && this.here?.title === here?.title) return;
    this.here = here;
    this.emit({ type: 'call.here', call: here });
  }

  /** The names the cache knows: the caller's, and the chat's (the peer's name in a 1:1 chat). */
  private words(call: CallView): CallWords {
    const { cache } = this.rt;
    const caller = cache.users.get(call.callerId);
    const chat = cache.chats.get(call.chatId);
    // A caller whose profile is not cached yet (a chat that just arrived) is still named by a
    // one-to-one chat's title, which is theirs.
    const directTitle = chat?.kind === 'direct' ? this.titleOf(call.chatId) : null;
    return {
      callerName: caller?.name || caller?.phone || directTitle || 'Someone',
      chat: chat ? { kind: chat.kind, title: this.titleOf(call.chatId)!, mutedUntil: chat.muted_until } : null,
    };
  }

  /** The chat's name: the other person's in a one-to-one chat, the group's otherwise. */
  private titleOf(chatId: string): string | null {
    const { cache } = this.rt;
    const chat = cache.chats.get(chatId);
    if (!chat) return null;
    const peer = chat.peer_id ? cache.users.get(chat.peer_id) : null;
    return chat.kind === 'direct' ? (peer?.name ?? chat.title) : chat.title;
  }

  private emit(event: CoreEvent): void {
    this.rt.emitter.emit(event);
  }
}
