/**
 * Which arriving messages deserve a notification: shared by the desktop core (OS notifications)
 * and the web client (browser notifications). Pure: everything comes in as data.
 */

export interface NotifyMessage {
  chatId: string;
  senderId: string;
  kind: string;
  deletedAt: string | null;
  /** The sender named me with @: it notifies even in a muted chat. */
  mentionsMe: boolean;
}

export interface NotifyChat {
  id: string;
  mutedUntil: string | null;
  /** A first message from someone not in my contacts, not yet accepted: it waits quietly under "Message requests" (as in Signal). */
  messageRequest?: boolean;
}

export interface FocusState {
  /** The chat on screen, if any. */
  openChatId: string | null;
  /** The app window has keyboard focus. */
  windowFocused: boolean;
}

export interface NotifyContext {
  me: string;
  now: Date;
  focus: FocusState;
  /** "Mute all notifications" until then (ISO), or null. */
  mutedAllUntil: string | null;
}

export const isMutedUntil = (until: string | null, now: Date): boolean => until !== null && Date.parse(until) > now.getTime();

/**
 * A new message notifies when someone else sent it, it still has content, its chat is not
 * muted (an @mention of me breaks through a chat's mute, as in WhatsApp; "mute all" still
 * holds), it is not a message request, and the user is not already looking at that chat.
 */
export function shouldNotify(message: NotifyMessage, chat: NotifyChat, ctx: NotifyContext): boolean {
  if (message.senderId === ctx.me) return false;
  if (message.kind === 'system' || message.deletedAt !== null) return false;
  if (chat.messageRequest) return false;
  if (isMutedUntil(ctx.mutedAllUntil, ctx.now)) return false;
  if (isMutedUntil(chat.mutedUntil, ctx.now) && !message.mentionsMe) return false;
  const looking = ctx.focus.windowFocused && ctx.focus.openChatId === message.chatId;
  return !looking;
}

/** "Mute all notifications for an hour" (or another span): the time it ends. */
export function muteAllUntil(now: Date, forMs = 60 * 60 * 1000): string {
  return new Date(now.getTime() + forMs).toISOString();
}
