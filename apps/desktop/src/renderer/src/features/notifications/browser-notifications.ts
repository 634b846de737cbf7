import type { CallView } from '@confab/api';
import { previewFor } from '../../../../shared/notify/preview';
import { isMutedUntil, shouldNotify } from '../../../../shared/notify/policy';
import type { ChatView, MessageView } from '../../lib/backend';

const STORAGE_KEY = 'confab.notifications';

/** What the browser allows, and whether the user asked for notifications in this browser. */
export type NotificationChoice = 'unsupported' | 'blocked' | 'off' | 'on';

export function notificationChoice(): NotificationChoice {
  if (typeof Notification === 'undefined') return 'unsupported';
  if (Notification.permission === 'denied') return 'blocked';
  return Notification.permission === 'granted' && localStorage.getItem(STORAGE_KEY) === 'on' ? 'on' : 'off';
}

/** Turns browser notifications on (asking the browser's permission: needs a click) or off. */
export async function chooseNotifications(on: boolean): Promise<NotificationChoice> {
  if (typeof Notification === 'undefined') return 'unsupported';
  if (!on) {
    localStorage.setItem(STORAGE_KEY, 'off');
    return notificationChoice();
  }
  const permission = Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission;
  if (permission === 'granted') localStorage.setItem(STORAGE_KEY, 'on');
  return notificationChoice();
}

export interface ArrivedMessage {
  message: MessageView;
  chat: ChatView | undefined;
  me: string;
  senderName: string;
  /** The chat on screen, and whether this tab is what the user is looking at. */
  openChatId: string | null;
  looking: boolean;
  /** The server's Settings → Notifications (absent until read: every default, on). */
  prefs?: { preview: boolean; messages: boolean; groups: boolean; sound: boolean };
}

/**
 * The browser notification for a message that just arrived, or null: the same rules as the
 * desktop app's (not mine, not a notice, not a message request, not a muted chat unless it mentions me, not the chat
 * I am reading, not a kind the server's settings turned off), with the sender and text as its
 * body unless previews are off.
 */
export function notificationFor({ message, chat, me, senderName, openChatId, looking, prefs }: ArrivedMessage): { title: string; body: string; tag: string } | null {
  if (!chat) return null;
  const mentions = Array.isArray(message.meta?.mentions) ? (message.meta.mentions as unknown[]) : [];
  const notify = shouldNotify(
    { chatId: message.chatId, senderId: message.senderId, kind: message.kind, deletedAt: message.deletedAt, mentionsMe: mentions.includes(me) },
    { id: chat.id, mutedUntil: chat.mutedUntil, messageRequest: chat.messageRequest ?? false },
    { me, now: new Date(), focus: { openChatId, windowFocused: looking }, mutedAllUntil: null },
  );
  if (!notify) return null;
  if (prefs && !(chat.kind === 'group' ? prefs.groups : prefs.messages)) return null;
  const { title, body } = previewFor(prefs?.preview === false ? 'none' : 'full', { chatKind: chat.kind, chatTitle: chat.title, senderName, kind: message.kind, text: message.text });
  return { title, body, tag: chat.id };
}

export interface EndedCall {
  call: CallView;
  chat: ChatView | undefined;
  me: string;
  /** The caller as I know them. */
  callerName: string;
  /** Whether this tab is what the user is looking at (then its call screen showed the ring). */
  looking: boolean;
  prefs?: ArrivedMessage['prefs'];
}

/** Did this call end up missed for me: rung until it stopped, or busy on another call? */
export function missedByMe(call: CallView, me: string): boolean {
  if (call.callerId === me) return false;
  const state = call.participants.find((p) => p.userId === me)?.state;
  return state === 'missed' || (state === 'busy' && call.endReason === 'busy');
}

/**
 * "Missed voice call from Ana" while this tab is hidden or in the background, or null: as the
 * desktop app's (core/notify/call-alerts.ts), a muted chat or the server's one-to-one or group
 * switch keeps it quiet, and with previews off nobody is named. Tagged by chat, as messages
 * and the server's push are, so a Web Push of the same missed call replaces it.
 */
export function missedCallNotificationFor({ call, chat, me, callerName, looking, prefs }: EndedCall): { title: string; body: string; tag: string } | null {
  if (looking || !missedByMe(call, me)) return null;
  if (chat && isMutedUntil(chat.mutedUntil, new Date())) return null;
  if (prefs && !(call.group ? prefs.groups : prefs.messages)) return null;
  const kind = `${call.group ? 'group ' : ''}${call.video ? 'video' : 'voice'} call`;
  const tag = call.chatId;
  if (prefs?.preview === false) return { title: 'Confab', body: `Missed ${kind}`, tag };
  return { title: `Missed ${kind} from ${callerName}`, body: call.group && chat ? chat.title : '', tag };
}
