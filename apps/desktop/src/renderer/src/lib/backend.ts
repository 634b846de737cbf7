import type { ChatView, EphemeralEvent, MessageView, RouterInputs, RouterOutputs, SyncEvent, UserView } from '@confab/api';

/**
 * Everything the UI needs from "the server", whichever side answers: the web build talks to the
 * server directly (web-backend.ts); the desktop build talks to its Node core over the preload
 * bridge, which answers from its SQLite cache and syncs in the background. Every argument and
 * result is plain JSON, and change arrives as events, so the interface can cross an IPC bridge.
 */
export type { ChatView, MessageView, UserView };

export type BackendEvent = SyncEvent | EphemeralEvent;

/** What the connection banner shows. `cache`: the desktop core is answering from its cache. */
export type ConnectionState = 'connecting' | 'online' | 'syncing' | 'offline' | 'cache';

export interface Session {
  user: UserView;
}

export interface CodeRequested {
  phone: string;
  expiresInSeconds: number;
}

export interface HistoryPage {
  messages: MessageView[];
  hasMore: boolean;
}

export interface SearchHit {
  message: MessageView;
  chatId: string;
}

export interface SearchResult {
  hits: SearchHit[];
  /**
   * Where the answer came from: the server's full index, the desktop cache, or (web, when the
   * server cannot search) only the messages this window has loaded — the UI says so.
   */
  scope: 'server' | 'cache' | 'loaded';
  /** More matches exist than were returned: the UI says so rather than dropping them silently. */
  more?: boolean;
}

export interface QrCode {
  token: string;
  /** SVG markup made by the server; shown through an <img> from a blob URL, never inlined. */
  svg: string;
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface UploadedMedia {
  mediaId: string;
}

/** Group procedures (`groups.*`), passed through as the server defines them. */
export interface GroupsBackend {
  call<P extends keyof RouterInputs['groups']>(procedure: P, input: RouterInputs['groups'][P]): Promise<RouterOutputs['groups'][P]>;
}

/** Poll procedures (`polls.*`), passed through as the server defines them. */
export interface PollsBackend {
  call<P extends keyof RouterInputs['polls']>(procedure: P, input: RouterInputs['polls'][P]): Promise<RouterOutputs['polls'][P]>;
}

/** The kinds of message that carry an uploaded file. */
export type MediaKind = 'image' | 'video' | 'audio' | 'voice' | 'document';

/** One page of a chat's shared media (chat-info gallery), newest first. */
export interface SharedMediaPage {
  items: MessageView[];
  nextCursor: number | null;
}

export interface Presence {
  online: boolean;
  lastSeenAt: string | null;
  /** Their "last seen" setting (or a block) hides it from me. */
  hidden: boolean;
}

export interface MessageReceipt {
  userId: string;
  deliveredAt: string | null;
  /** Null while unread, or when either side turned read receipts off. */
  readAt: string | null;
}

export interface CommonGroup {
  id: string;
  name: string;
  memberCount: number;
  avatarMediaId: string | null;
}

/** The chat-info panel's settings and safety actions (each one also arrives as a chat.updated event). */
export interface ChatSettingsBackend {
  commonGroups(userId: string): Promise<CommonGroup[]>;
  setDisappearing(chatId: string, seconds: number | null): Promise<void>;
  /** `until` an ISO time in the future, or null to unmute. */
  mute(chatId: string, until: string | null): Promise<void>;
  hide(chatId: string, hidden: boolean): Promise<void>;
  clear(chatId: string): Promise<void>;
  setTheme(chatId: string, theme: string | null): Promise<void>;
  setBackground(chatId: string, color: string | null): Promise<void>;
  isBlocked(userId: string): Promise<boolean>;
  block(userId: string): Promise<void>;
  unblock(userId: string): Promise<void>;
  report(userId: string, reason: string, messageIds: string[]): Promise<void>;
}

export interface Unsubscribe {
  (): void;
}

export interface Backend {
  readonly kind: 'web' | 'desktop';

  auth: {
    /** The stored session (a page reload or an app restart), or null when signed out. */
    restore(): Promise<Session | null>;
    requestCode(phone: string): Promise<CodeRequested>;
    verifyCode(phone: string, code: string): Promise<Session & { isNewUser: boolean }>;
    logout(): Promise<void>;
    /** The session ended elsewhere (revoked, refresh token reused): the UI returns to sign-in. */
    onSignedOut(listener: () => void): Unsubscribe;
  };

  me: {
    get(): Promise<UserView>;
    update(changes: { name?: string; about?: string }): Promise<UserView>;
    setAvatar(mediaId: string): Promise<UserView>;
    qrCode(): Promise<QrCode>;
  };

  chats: {
    list(): Promise<ChatView[]>;
    get(chatId: string): Promise<ChatView>;
    openDirect(userId: string): Promise<ChatView>;
    markRead(chatId: string, seq: number): Promise<void>;
    /** Messages up to seq reached this device: the sender's single tick becomes two. */
    markDelivered(chatId: string, seq: number): Promise<void>;
    typing(chatId: string): Promise<void>;
    /** The chat-info gallery (images, videos, documents, links); absent where not supported. */
    media?(input: { chatId: string; kind: 'image' | 'video' | 'document' | 'link'; cursor?: number }): Promise<SharedMediaPage>;
  };

  messages: {
    history(input: { chatId: string; beforeSeq?: number; limit?: number }): Promise<HistoryPage>;
    /** `mentions`: ids of group members named with @ (they are notified even when the group is muted). */
    send(input: { chatId: string; clientId: string; text: string; replyToId?: string; mentions?: string[] }): Promise<MessageView>;
    edit(messageId: string, text: string): Promise<MessageView>;
    delete(messageId: string, forEveryone: boolean): Promise<void>;
    react(messageId: string, emoji: string | null): Promise<void>;
    /** A photo, video, audio clip, voice note or file already uploaded (media.upload); absent where sending files is not supported. */
    sendMedia?(input: { chatId: string; clientId: string; kind: MediaKind; mediaId: string; text?: string; replyToId?: string }): Promise<MessageView>;
    /**
     * My messages of this chat still waiting to reach the server from before this window opened
     * (written offline, then the app restarted): the screens draw them as pending. `failed`: the
     * server refused them (sending the same clientId again retries). Absent where nothing outlives a window.
     */
    unsent?(chatId: string): Promise<{ clientId: string; chatId: string; text: string; replyToId: string | null; createdAt: string; failed: boolean }[]>;
    /** Gives up a message the server refused (the screens' clientId), where the side keeps it. */
    discardUnsent?(clientId: string): Promise<void>;
    /** Copies of a message in other chats (marked forwarded); absent where not offered. */
    forward?(messageId: string, chatIds: string[]): Promise<MessageView[]>;
    /** Delivered/read per recipient of my message; absent where not offered. */
    receipts?(messageId: string): Promise<MessageReceipt[]>;
  };

  users: {
    /** The Confab user with this phone number, or null when the number is not on Confab. */
    lookupPhone(phone: string): Promise<UserView | null>;
    byQr(token: string): Promise<UserView>;
    /** Online now / last seen, as far as their privacy setting allows; absent where not offered. */
    presence?(userId: string): Promise<Presence>;
  };

  search(query: string, options?: { chatId?: string }): Promise<SearchResult>;

  /** Chat info: disappearing timer, mute, theme, clear, hide, block, report; absent where not offered (the panel hides them). */
  chatSettings?: ChatSettingsBackend;

  media: {
    upload(file: Blob, onProgress: (p: UploadProgress) => void, signal?: AbortSignal): Promise<UploadedMedia>;
    /**
     * A URL an <img> can show (a blob: URL on the web); null when the media cannot be read.
     * `thumb`: the small preview the server makes of images and videos.
     */
    url(mediaId: string, variant?: 'full' | 'thumb'): Promise<string | null>;
  };

  /** Groups and polls: online calls; absent where the side cannot offer them (the UI hides them). */
  groups?: GroupsBackend;
  /** The address book (people to pick for a group); absent where not offered. */
  contacts?: { list(): Promise<RouterOutputs['contacts']['list']> };
  polls?: PollsBackend;

  /** Every change the signed-in user may see, live; starts after sign-in or restore. */
  onEvent(listener: (event: BackendEvent) => void): Unsubscribe;

  connection: {
    get(): ConnectionState;
    subscribe(listener: (state: ConnectionState) => void): Unsubscribe;
  };

  /** Desktop only: the shell asks to show a chat (its OS notification was clicked). */
  onOpenChat?(listener: (chatId: string) => void): Unsubscribe;
  /** Desktop only: the chat on screen, so the OS does not notify about what is being read. */
  setOpenChat?(chatId: string | null): void;
}

/** A failure the UI can explain: a stable code, a human message and, when limited, a wait. */
export class BackendError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'BackendError';
  }
}

/** The server does not offer this procedure (yet): the UI disables the feature and says why. */
export const NOT_SUPPORTED = 'NOT_SUPPORTED';
