import type { CallSignal, CallView } from '../calls/call-view.js';
import type { ChatView } from '../chats/chat-view.js';
import type { ContactView } from '../contacts/contact-view.js';
import type { FriendRequestView } from '../contacts/friend-request-view.js';
import type { GroupInfo } from '../groups/group-view.js';
import type { InvitationView } from '../groups/invitation-view.js';
import type { MessageView } from '../messages/message-view.js';
import type { SettingsView } from '../settings/settings.repo.js';
import type { PollResults } from '../polls/poll-view.js';
import type { StoryView } from '../stories/story-view.js';
import type { NotificationView } from '../notifications/notification-view.js';
import type { EmoticonView } from '../emoticons/emoticon-view.js';
import type { ReactionEmoticon } from '../messages/reaction-view.js';

/** Every change a user may see, as stored in their stream and sent over `sync.events`. */
export type SyncEvent =
  | { type: 'message.new'; message: MessageView }
  | { type: 'message.updated'; message: MessageView }
  | { type: 'message.deleted'; chatId: string; messageId: string; seq: number; forEveryone: boolean; expired?: boolean }
  // `emoticon` when the reaction is one of the reactor's custom emoticons (`emoji` is then `:shortcut:`).
  | { type: 'reaction'; chatId: string; messageId: string; userId: string; emoji: string | null; emoticon?: ReactionEmoticon }
  | { type: 'receipt'; chatId: string; userId: string; deliveredSeq?: number; readSeq?: number }
  | { type: 'chat.updated'; chat: ChatView }
  | { type: 'member.joined'; chatId: string; userId: string }
  | { type: 'member.left'; chatId: string; userId: string }
  | { type: 'member.updated'; chatId: string; userId: string; role: 'owner' | 'admin' | 'member' }
  | { type: 'group.updated'; group: GroupInfo }
  | { type: 'group.invitation'; invitation: InvitationView }
  | { type: 'poll.updated'; pollId: string; chatId: string; results: PollResults }
  | { type: 'user.updated'; user: { id: string; name: string; about: string; avatarMediaId: string | null } }
  | { type: 'session.revoked'; sessionId: string }
  | { type: 'settings.updated'; settings: SettingsView }
  | { type: 'story.new'; story: StoryView }
  | { type: 'story.viewed'; storyId: string; viewerId: string; viewedAt: string; count: number }
  | { type: 'story.seen'; storyId: string; authorId: string }
  | { type: 'story.deleted'; storyId: string; authorId: string }
  | { type: 'message.starred'; chatId: string; messageId: string; starred: boolean }
  | { type: 'notification'; action: 'new' | 'updated'; notification: NotificationView; unread: number }
  | { type: 'notification'; action: 'read' | 'deleted'; ids: string[]; unread: number }
  /** One of my devices was removed (`devices.remove`): that device stops showing notifications. */
  | { type: 'device.removed'; deviceId: string }
  | { type: 'contact.updated'; contact: ContactView }
  | { type: 'contact.removed'; userId: string }
  | { type: 'contact.request'; state: 'pending' | 'accepted' | 'declined' | 'cancelled'; request: FriendRequestView }
  | { type: 'emoticon.created'; emoticon: EmoticonView }
  | { type: 'emoticon.deleted'; emoticonId: string; shortcut: string };

/** Not stored: worthless a few seconds later, so they are only sent to who is connected now. */
export type EphemeralEvent =
  | { type: 'typing'; chatId: string; userId: string }
  /** `hidden` only when the user's "last seen" setting changed: true, it is no longer shown to you (forget what you knew); false, it is shown again. */
  | { type: 'presence'; userId: string; online: boolean; lastSeenAt: string | null; hidden?: boolean }
  /** To the user a moderator just suspended, before their sessions end: why their app signs out. */
  | { type: 'account.suspended'; message: string }
  | { type: 'call.updated'; call: CallView }
  | { type: 'call.ended'; call: CallView }
  | ({ type: 'call.signal' } & CallSignal);

export interface StreamEntry {
  seq: number;
  event: SyncEvent;
}

/** An entry of a group chat's stream; `windowsChanged`: somebody's window opened or closed here. */
export interface ChatStreamEntry {
  seq: number;
  event: SyncEvent;
  windowsChanged?: true;
}

/** What travels on a user's (or a group chat's) bus channel. */
export type BusMessage =
  | { kind: 'stored'; entries: readonly StreamEntry[] }
  | { kind: 'chat'; chatId: string; chatNum: number; entries: readonly ChatStreamEntry[] }
  /** The user may now read a chat stream they could not before. */
  | { kind: 'windows' }
  | { kind: 'ephemeral'; event: EphemeralEvent; /** Only this device (a call's signalling). */ sessionId?: string };
