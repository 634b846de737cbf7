import type { CallView } from '@confab/api';
import type { NotificationSettings } from '../types.js';
import { isMutedUntil, type FocusState } from '../../shared/notify/policy.js';

/**
 * What an incoming or missed call shows: pure, so the rules are read and tested in one place.
 * A ringing call always shows (it is a call, not a message: neither a chat's mute nor "mute all"
 * silences it, as in WhatsApp); a missed one is a notification like a message's, and follows
 * the same switches.
 */

/** The chat as the call's words need it. */
export interface CallChat {
  kind: 'direct' | 'group';
  /** The group's name, or the other person's. */
  title: string;
  mutedUntil: string | null;
}

export interface CallWords {
  /** The caller as this user knows them. */
  callerName: string;
  chat: CallChat | null;
}

export interface CallNotification {
  callId: string;
  chatId: string;
  video: boolean;
  title: string;
  body: string;
  silent: boolean;
}

export type MyCallState = CallView['participants'][number]['state'] | null;

export const myStateIn = (call: CallView, me: string): MyCallState => call.participants.find((p) => p.userId === me)?.state ?? null;

const kindOf = (call: CallView) => `${call.group ? 'group ' : ''}${call.video ? 'video' : 'voice'} call`;

/** "Ana is calling (video)", the group's name below; with previews off, nobody is named. */
export function ringingNotification(call: CallView, words: CallWords, settings: NotificationSettings): CallNotification | null {
  if (settings.deviceRemoved) return null;
  const base = { callId: call.id, chatId: call.chatId, video: call.video, silent: !settings.sound };
  if (settings.preview === 'none') return { ...base, title: 'Confab', body: `Incoming ${kindOf(call)}` };
  const title = `${words.callerName} is calling (${call.video ? 'video' : 'voice'})`;
  return { ...base, title, body: call.group && words.chat ? words.chat.title : `Incoming ${kindOf(call)}` };
}

/** Did this call end up missed for me (rung until it stopped, or busy on another call)? */
export function missedByMe(call: CallView, me: string): boolean {
  if (call.callerId === me) return false;
  const state = myStateIn(call, me);
  return state === 'missed' || (state === 'busy' && call.endReason === 'busy');
}

/**
 * "Missed voice call from Ana", unless this device was removed, everything or the chat is
 * muted, the one-to-one or group switch is off, or the chat is on screen in a focused window.
 */
export function missedNotification(call: CallView, words: CallWords, settings: NotificationSettings, context: { now: Date; focus: FocusState }): CallNotification | null {
  if (settings.deviceRemoved || isMutedUntil(settings.mutedAllUntil, context.now)) return null;
  if (words.chat && isMutedUntil(words.chat.mutedUntil, context.now)) return null;
  if (!(call.group ? settings.groups : settings.messages)) return null;
  if (context.focus.windowFocused && context.focus.openChatId === call.chatId) return null;
  const base = { callId: call.id, chatId: call.chatId, video: call.video, silent: !settings.sound };
  const kind = kindOf(call);
  if (settings.preview === 'none') return { ...base, title: 'Confab', body: `Missed ${kind}` };
  return { ...base, title: `Missed ${kind} from ${words.callerName}`, body: call.group && words.chat ? words.chat.title : '' };
}
