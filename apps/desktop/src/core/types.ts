/**
 * What the desktop core hands to the UI. Every value is plain JSON (strings, numbers, booleans,
 * arrays, objects), so it crosses Electron's IPC unchanged.
 */

import type { ReactionView, UserView } from '@confab/api';
import type { PageEvent } from '../shared/page-events.js';
import type { CallNotification } from './notify/call-alerts.js';

export type ConnectionState = 'reading-from-cache' | 'syncing' | 'online' | 'offline';

export type PreviewMode = 'full' | 'sender-only' | 'none';

/** A person as the cache keeps them: the server's user view. */
export type Profile = UserView;

/** A message as the cache holds it; pending ones were written here and are not yet on the server. */
export interface CachedMessage {
  /** The server's id, or `local:<clientId>` until the server has the message. */
  id: string;
  chatId: string;
  /** The chat's sequence number; null while pending. */
  seq: number | null;
  senderId: string;
  clientId: string;
  kind: string;
  text: string | null;
  mediaId: string | null;
  replyToId: string | null;
  meta: Record<string, unknown> | null;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  expiresAt: string | null;
  reactions: ReactionView[];
  /** 'pending': in the outbox; 'failed': the server refused it (see `retrySend` / `discardFailed`). */
  status: 'sent' | 'pending' | 'failed';
  mine: boolean;
}

export interface ChatItem {
  id: string;
  kind: 'direct' | 'group';
  title: string;
  description: string | null;
  avatarMediaId: string | null;
  peer: Profile | null;
  role: string;
  readOnly: boolean;
  createdAt: string;
  lastActivityAt: string;
  lastSeq: number;
  lastReadSeq: number;
  unreadCount: number;
  lastMessage: CachedMessage | null;
  mutedUntil: string | null;
  /** mutedUntil is in the future. */
  muted: boolean;
  hidden: boolean;
  disappearingSeconds: number | null;
  theme: string | null;
  background: string | null;
  /** Pinned to the top of the list (when), or null. */
  pinnedAt: string | null;
  /** Archived at this seq, or null (archived while nothing newer came, or while muted). */
  archivedSeq: number | null;
  /** A stranger's first message while I take messages from contacts only: accept, block or delete. */
  messageRequest: boolean;
  /** My personal labels on the chat (the chat list's filter chips). */
  labels: string[];
  /** Lowest read mark among the other members we know of (read ticks); null when unknown. */
  othersReadSeq: number | null;
  othersDeliveredSeq: number | null;
}

export interface MessagesPage {
  chatId: string;
  /** Oldest first. */
  messages: CachedMessage[];
  /** Older messages exist (in the cache or on the server). */
  hasMoreOlder: boolean;
}

/** A piece of a snippet; the renderer wraps `match: true` pieces in <mark> as text, never as HTML. */
export interface SnippetSegment {
  text: string;
  match: boolean;
}

export interface SearchOptions {
  chatId?: string;
  order?: 'newest' | 'relevance';
  /** From the previous page's `nextCursor`; pass the same query and options. */
  cursor?: string | null;
  /** Page size, 1–200 (default 50). */
  limit?: number;
}

export interface SearchHit {
  message: CachedMessage;
  chatTitle: string;
  senderName: string;
  snippet: SnippetSegment[];
}

export interface SearchPage {
  hits: SearchHit[];
  /** null when there are no more hits: every match is reachable by following cursors. */
  nextCursor: string | null;
}

export interface NotificationToShow {
  chatId: string;
  messageId: string;
  title: string;
  body: string;
  /** Settings → Notifications → Sound is off. */
  silent?: boolean;
}

export interface NotificationSettings {
  /** From the server's "Show preview": full text, or none ("New message"). */
  preview: PreviewMode;
  /** All notifications are off until then (ISO), or null. */
  mutedAllUntil: string | null;
  /** The server's switches (`settings.notifications`). */
  sound: boolean;
  messages: boolean;
  groups: boolean;
  /** This app was removed in `devices.list`: no OS notifications for this session. */
  deviceRemoved: boolean;
}

export interface UnreadSummary {
  /** For the tray badge: unread messages in chats that are not muted or hidden. */
  total: number;
  perChat: Record<string, number>;
}

export type { CallNotification } from './notify/call-alerts.js';

/** A call ringing for me (an OS notification with Answer and Decline), no longer ringing (closed), or missed. */
export type CallAlert = { kind: 'ringing'; notification: CallNotification } | { kind: 'stopped'; callId: string } | { kind: 'missed'; notification: CallNotification };

/** The call this device is in, for the tray ("In call with Ana — Hang up"). */
export interface CallHere {
  callId: string;
  chatId: string;
  /** The other person's name, or the group's. */
  title: string;
}

/**
 * What the core announces: everything the page is told (PageEvent, forwarded by main), and what
 * only main acts on — the tray's unread badge and call, and OS notifications.
 */
export type CoreEvent =
  | PageEvent
  | { type: 'unread'; total: number }
  | { type: 'os.notification'; notification: NotificationToShow }
  | { type: 'call.alert'; alert: CallAlert }
  | { type: 'call.here'; call: CallHere | null };

export type CoreListener = (event: CoreEvent) => void;

export interface Diagnostics {
  lastEventId: string | null;
  /** Sync events applied to the cache since this core started (stream, catch-up pages). */
  eventsApplied: number;
  changesPagesFetched: number;
  outboxSize: number;
  connection: ConnectionState;
}
