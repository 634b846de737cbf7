import { previewFor } from '../../../../shared/notify/preview';
import { shouldNotify } from '../../../../shared/notify/policy';
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
