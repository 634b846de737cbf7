import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { EphemeralEvent } from '@confab/api';
import * as historyActions from './actions/history.js';
import * as writes from './actions/local-writes.js';
import { deleteCacheFiles, openCache, type Cache } from './cache/cache.js';
import { newChangeSet, type ChangeSet, type WriteContext } from './cache/change-set.js';
import type { MediaInfo } from './cache/media.repo.js';
import { toCachedMessage } from './cache/message-row.js';
import { chatItem } from './cache/read-model.js';
import { StateKeys } from './cache/state.repo.js';
import { purgeExpired, storeChat, storeHistoryPage, storeMessage } from './cache/store.js';
import { CoreEmitter } from './emitter.js';
import { downloadMedia } from './media/download-media.js';
import { uploadMedia, type UploadedMedia, type UploadRequest } from './media/upload-media.js';
import { notificationsFor } from './notify/notifier.js';
import { muteAllUntil, type FocusState } from '../shared/notify/policy.js';
import { unreadSummary } from './notify/unread.js';
import { AuthSession } from './session/auth-session.js';
import type { SecretStore } from './session/secret-store.js';
import { defaultRetryDelayMs } from './sync/backoff.js';
import { errorCode, messageOf } from './sync/errors.js';
import { SyncEngine } from './sync/sync-engine.js';
import { createAnonymousClient, createHttpClient, openSocket, type ApiClient, type FetchFn, type WebSocketClass } from './sync/transport.js';
import type {
  CachedMessage,
  ChatItem,
  ConnectionState,
  CoreListener,
  Diagnostics,
  MessagesPage,
  NotificationSettings,
  PreviewMode,
  Profile,
  SearchOptions,
  SearchPage,
  UnreadSummary,
} from './types.js';

export interface DesktopCoreOptions {
  /** e.g. https://confab.example.com (HTTP and WebSocket share it). */
  serverUrl: string;
  /** Folder for cache.sqlite and downloaded media; created if missing. */
  dataDir: string;
  /** Keeps the tokens (Electron: safeStorage; tests: MemorySecretStore). */
  secretStore: SecretStore;
  /** The WebSocket class: `ws`'s in Node / Electron main. */
  WebSocket: unknown;
  fetch?: FetchFn;
  deviceName?: string;
  now?: () => Date;
  retryDelayMs?: (attempt: number) => number;
  /** Chats whose newest page is loaded on first sign-in (default 30). */
  historyChats?: number;
  log?: (message: string, error?: unknown) => void;
  /** How often a running app renews its session even when nothing needs it (default 12 h). */
  sessionRefreshMs?: number;
}

const EXPIRY_SWEEP_MS = 60_000;
/**
 * The server ends sessions unused for SESSION_IDLE_DAYS (30 by default), and "used" means a
 * token refresh. An app left open on a healthy socket may go weeks without one, so it renews
 * twice a day while online.
 */
const SESSION_REFRESH_MS = 12 * 60 * 60 * 1000;

/**
 * The desktop client's Node side: cache, sync, outbox and notification policy behind one
 * object whose methods take and return plain JSON (for IPC). Reads answer from the cache at
 * once; sync and sends happen in the background and are announced through `subscribe`.
 */
export class DesktopCore {
  private cache: Cache;
  private readonly cacheFile: string;
  private readonly mediaDir: string;
  private readonly fetchFn: FetchFn;
  private readonly now: () => Date;
  private readonly log: (message: string, error?: unknown) => void;
  private readonly emitter: CoreEmitter;
  private readonly session: AuthSession;
  private readonly http: ApiClient;
  private readonly anonymous: ApiClient;
  private engine: SyncEngine | null = null;
  private focus: FocusState = { openChatId: null, windowFocused: true };
  private lastUnreadTotal: number | null = null;
  private readonly fetchingChats = new Set<string>();
  private sweepTimer: NodeJS.Timeout | null = null;
  private refreshTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: DesktopCoreOptions) {
    mkdirSync(options.dataDir, { recursive: true });
    this.cacheFile = path.join(options.dataDir, 'cache.sqlite');
    this.mediaDir = path.join(options.dataDir, 'media');
    this.fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? (() => undefined);
    this.emitter = new CoreEmitter(this.log);
    this.cache = openCache(this.cacheFile);
    this.anonymous = createAnonymousClient(options.serverUrl, this.fetchFn);
    this.session = new AuthSession(
      options.secretStore,
      (refreshToken) => this.anonymous.auth.refresh.mutate({ refreshToken }),
      () => void this.endSession('session-ended'),
    );
    this.http = createHttpClient(options.serverUrl, this.fetchFn, this.session);
  }

  // ── Lifecycle ────────────────────────────────────────────────────────────────────────────

  /** Loads the stored session; if signed in, the cache is readable now and sync starts. */
  async start(): Promise<{ signedIn: boolean }> {
    if (this.sweepTimer) return { signedIn: this.engine !== null };
    const hasTokens = await this.session.load();
    const me = this.cache.me();
    if (hasTokens && !me) await this.session.clear();
    const signedIn = hasTokens && me !== null;
    this.sweepExpired();
    this.sweepTimer = setInterval(() => this.sweepExpired(), EXPIRY_SWEEP_MS);
    this.sweepTimer.unref();
    this.refreshTimer = setInterval(() => void this.keepSessionAlive(), this.options.sessionRefreshMs ?? SESSION_REFRESH_MS);
    this.refreshTimer.unref();
    if (signedIn) {
      this.emitter.emit({ type: 'connection', state: 'reading-from-cache' });
      this.startEngine();
    }
    return { signedIn };
  }

  async close(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    this.refreshTimer = null;
    await this.engine?.stop();
    this.engine = null;
    this.cache.close();
  }

  subscribe(listener: CoreListener): () => void {
    return this.emitter.subscribe(listener);
  }

  // ── Sign-in ──────────────────────────────────────────────────────────────────────────────

  async requestCode(phone: string): Promise<{ phone: string; expiresInSeconds: number }> {
    return this.anonymous.auth.requestCode.mutate({ phone });
  }

  async verifyCode(phone: string, code: string): Promise<{ user: Profile; isNewUser: boolean }> {
    const result = await this.anonymous.auth.verifyCode.mutate({ phone, code, deviceName: this.options.deviceName ?? 'Confab Desktop' });
    await this.engine?.stop();
    this.engine = null;
    // Another account's cache must not leak into this one.
    if (this.cache.me() !== null && this.cache.me() !== result.user.id) this.resetCache();
    await this.session.save(result);
    this.cache.state.setJson(StateKeys.sessionUser, result.user);
    this.cache.state.set(StateKeys.sessionId, result.sessionId);
    this.startEngine();
    this.emitter.emit({ type: 'session', signedIn: true });
    return { user: result.user, isNewUser: result.isNewUser };
  }

  /** Ends the session on the server (when reachable) and wipes the tokens and the cache. */
  async signOut(): Promise<void> {
    if (this.engine?.connection === 'online') {
      await Promise.race([this.http.auth.logout.mutate().catch(() => undefined), new Promise((r) => setTimeout(r, 3000).unref())]);
    }
    await this.endSession('signed-out');
  }

  /**
   * The signed-in tRPC client, for online-only actions the cache cannot answer (profile edits,
   * lookup by phone or QR, typing, delivery receipts). The Electron main process wraps each
   * in its own validated IPC method; the renderer never gets the client itself.
   */
  get api(): ApiClient {
    return this.http;
  }

  async me(): Promise<Profile | null> {
    return this.cache.state.getJson<Profile>(StateKeys.sessionUser);
  }

  async connectionState(): Promise<ConnectionState> {
    return this.engine?.connection ?? 'reading-from-cache';
  }

  async reconnectNow(): Promise<void> {
    this.engine?.reconnectNow();
  }

  // ── Chats and messages ───────────────────────────────────────────────────────────────────

  async listChats(options: { includeHidden?: boolean } = {}): Promise<ChatItem[]> {
    const me = this.cache.me();
    return this.cache.chats.list(options.includeHidden ?? false).map((row) => chatItem(this.cache, row, me, this.now()));
  }

  async getChat(chatId: string): Promise<ChatItem | null> {
    const row = this.cache.chats.get(chatId);
    return row ? chatItem(this.cache, row, this.cache.me(), this.now()) : null;
  }

  /** Starts (or finds) the 1:1 chat with a user. Needs the server. */
  async openDirect(userId: string): Promise<ChatItem> {
    const view = await this.http.chats.openDirect.mutate({ userId });
    this.write((ctx) => storeChat(ctx, view), 'local');
    return (await this.getChat(view.id))!;
  }

  /**
   * The chat on screen: its newest page from the cache now; the server's newest page is then
   * fetched in the background (a 'messages' event says when it changed anything).
   */
  async openChat(chatId: string): Promise<MessagesPage> {
    this.focus = { ...this.focus, openChatId: chatId };
    const page = this.readPage(chatId, {});
    if (this.online()) {
      void this.http.messages.history
        .query({ chatId, limit: historyActions.PAGE_SIZE })
        .then((fresh) => this.write((ctx) => storeHistoryPage(ctx, chatId, fresh, null), 'local'))
        .catch((error: unknown) => this.log(`refreshing chat ${chatId} failed`, error));
      if (this.cache.chats.get(chatId)?.placeholder) void this.fetchChats([chatId]);
    }
    return page;
  }

  /** Cache only: what the UI re-reads on a 'messages' event. */
  async readMessages(chatId: string, options: { beforeSeq?: number; limit?: number } = {}): Promise<MessagesPage> {
    return this.readPage(chatId, options);
  }

  /** The page before `beforeSeq`: from the cache when it has it all, else from the server. */
  async loadOlder(chatId: string, beforeSeq: number): Promise<MessagesPage> {
    const cached = this.readPage(chatId, { beforeSeq });
    const chat = this.cache.chats.get(chatId);
    if (!chat || cached.messages.length === historyActions.PAGE_SIZE || chat.complete_from_seq === 0 || !this.online()) return cached;
    try {
      const page = await this.http.messages.history.query({ chatId, beforeSeq, limit: historyActions.PAGE_SIZE });
      this.write((ctx) => storeHistoryPage(ctx, chatId, page, beforeSeq), 'local');
      const from = page.hasMore ? (page.messages[0]?.seq ?? beforeSeq) : 0;
      return this.readPage(chatId, { beforeSeq, from });
    } catch (error) {
      this.log(`loading older messages of ${chatId} failed`, error);
      return cached;
    }
  }

  /** Shown at once as pending; delivered (in order, once) whenever the server is reachable. */
  /** `mentions`: ids of group members named with @ (notified even when they muted the group). */
  async send(chatId: string, text: string, replyToId?: string | null, mentions: readonly string[] = []): Promise<CachedMessage> {
    const row = this.write((ctx) => writes.composeMessage(ctx, chatId, text, replyToId ?? null, mentions), 'local');
    this.engine?.flushOutbox();
    return toCachedMessage(row, this.cache.me());
  }

  async retrySend(messageId: string): Promise<void> {
    this.write((ctx) => writes.retrySend(ctx, messageId), 'local');
    this.engine?.flushOutbox();
  }

  async discardFailed(messageId: string): Promise<void> {
    this.write((ctx) => writes.discardFailed(ctx, messageId), 'local');
  }

  async edit(messageId: string, text: string): Promise<void> {
    this.write((ctx) => writes.editMessage(ctx, messageId, text, this.engine?.outbox.inFlight ?? null), 'local');
    this.engine?.flushOutbox();
  }

  async delete(messageId: string, forEveryone: boolean): Promise<void> {
    this.write((ctx) => writes.deleteMessage(ctx, messageId, forEveryone, this.engine?.outbox.inFlight ?? null), 'local');
    this.engine?.flushOutbox();
  }

  async react(messageId: string, emoji: string | null): Promise<void> {
    this.write((ctx) => writes.reactToMessage(ctx, messageId, emoji), 'local');
    this.engine?.flushOutbox();
  }

  /** "Typing…" for the others in the chat; dropped when offline (it means nothing later). */
  async typing(chatId: string): Promise<void> {
    if (this.online()) await this.http.chats.typing.mutate({ chatId }).catch(() => undefined);
  }

  /** Marks the chat read up to `seq` (default: its newest message). */
  async markRead(chatId: string, seq?: number): Promise<void> {
    if (this.write((ctx) => writes.markChatRead(ctx, chatId, seq), 'local')) this.engine?.flushOutbox();
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchPage> {
    return this.cache.search.search(query, options);
  }

  // ── Notifications ────────────────────────────────────────────────────────────────────────

  /** Which chat is on screen and whether the window has focus (no notification for what is seen). */
  async setFocus(focus: { openChatId: string | null; windowFocused: boolean }): Promise<void> {
    this.focus = { openChatId: focus.openChatId, windowFocused: focus.windowFocused };
  }

  async unread(): Promise<UnreadSummary> {
    return this.unreadNow();
  }

  async notificationSettings(): Promise<NotificationSettings> {
    const preview = (this.cache.state.get(StateKeys.preview) as PreviewMode | null) ?? 'full';
    const until = this.cache.state.get(StateKeys.mutedAllUntil);
    return { preview, mutedAllUntil: until !== null && Date.parse(until) > this.now().getTime() ? until : null };
  }

  async setNotificationPreview(preview: PreviewMode): Promise<void> {
    if (!['full', 'sender-only', 'none'].includes(preview)) throw new Error('Unknown preview setting');
    this.cache.state.set(StateKeys.preview, preview);
  }

  /** "Mute all notifications for 1 hour" (or another number of minutes). */
  async muteAllFor(minutes = 60): Promise<NotificationSettings> {
    this.cache.state.set(StateKeys.mutedAllUntil, muteAllUntil(this.now(), minutes * 60_000));
    return this.notificationSettings();
  }

  async unmuteAll(): Promise<void> {
    this.cache.state.set(StateKeys.mutedAllUntil, null);
  }

  // ── Media ────────────────────────────────────────────────────────────────────────────────

  async mediaInfo(mediaId: string): Promise<MediaInfo | null> {
    return this.cache.media.get(mediaId);
  }

  async downloadMedia(mediaId: string): Promise<MediaInfo> {
    return downloadMedia({ cache: this.cache, serverUrl: this.options.serverUrl, fetch: this.fetchFn, session: this.session, mediaDir: this.mediaDir, now: this.now }, mediaId);
  }

  /** Sends a file to the server for an attachment (online only); the message is sent with its mediaId. */
  async uploadMedia(request: UploadRequest): Promise<UploadedMedia> {
    return uploadMedia({ serverUrl: this.options.serverUrl, fetch: this.fetchFn, session: this.session }, request);
  }

  async diagnostics(): Promise<Diagnostics> {
    return {
      lastEventId: this.cache.state.get(StateKeys.lastEventId),
      eventsApplied: this.engine?.stats.eventsApplied ?? 0,
      changesPagesFetched: this.engine?.stats.changesPagesFetched ?? 0,
      outboxSize: this.cache.outbox.size(),
      connection: await this.connectionState(),
    };
  }

  // ── Internals ────────────────────────────────────────────────────────────────────────────

  private startEngine(): void {
    const me = this.cache.me()!;
    this.engine = new SyncEngine({
      cache: this.cache,
      me,
      http: this.http,
      session: this.session,
      openSocket: () => openSocket(this.options.serverUrl, this.options.WebSocket as WebSocketClass, this.session),
      now: this.now,
      retryDelayMs: this.options.retryDelayMs ?? defaultRetryDelayMs,
      historyChats: this.options.historyChats ?? 30,
      onChanges: (changes, source) => this.announce(changes, source),
      onEphemeral: (event) => this.ephemeral(event),
      onState: (state) => {
        this.emitter.emit({ type: 'connection', state });
        if (state === 'online') void this.fetchChats(this.cache.chats.placeholders());
      },
      onRefused: (info) => {
        this.emitter.emit({ type: 'error', ...info });
        if (info.messageId) void this.restoreMessage(info.chatId, info.messageId);
      },
      log: this.log,
    });
    this.engine.start();
  }

  private online(): boolean {
    return this.engine?.connection === 'online';
  }

  private readPage(chatId: string, options: historyActions.ReadOptions): MessagesPage {
    return historyActions.readMessages(this.cache, this.cache.me(), chatId, options, this.now());
  }

  /** A local write in one transaction, announced after the commit. */
  private write<T>(work: (ctx: WriteContext) => T, source: 'local' | 'live'): T {
    const me = this.cache.me();
    if (!me) throw new Error('Sign in first');
    const changes = newChangeSet();
    const result = this.cache.transaction(() => work({ cache: this.cache, me, now: this.now, changes }));
    this.announce(changes, source);
    return result;
  }

  private announce(changes: ChangeSet, source: 'live' | 'catch-up' | 'local'): void {
    for (const file of changes.files) rmSync(file, { force: true });
    if (changes.chatList) this.emitter.emit({ type: 'chats' });
    for (const chatId of changes.messageChats) this.emitter.emit({ type: 'messages', chatId });
    for (const event of changes.screenEvents) this.emitter.emit({ type: 'server-event', event });
    if (changes.chatList) {
      const { total } = this.unreadNow();
      if (total !== this.lastUnreadTotal) this.emitter.emit({ type: 'unread', total });
      this.lastUnreadTotal = total;
    }
    const me = this.cache.me();
    if (source === 'live' && me && changes.arrived.length > 0) {
      void this.notificationSettings().then((settings) => {
        for (const notification of notificationsFor(this.cache, changes.arrived, { me, now: this.now(), focus: this.focus, settings })) {
          this.emitter.emit({ type: 'notification', notification });
        }
      });
    }
    if (changes.unknownChats.size > 0 && this.online()) void this.fetchChats([...changes.unknownChats]);
    const mySession = this.cache.state.get(StateKeys.sessionId);
    if (mySession && changes.endedSessions.includes(mySession)) void this.endSession('session-ended');
  }

  private ephemeral(event: EphemeralEvent): void {
    if (event.type === 'typing') this.emitter.emit({ type: 'typing', chatId: event.chatId, userId: event.userId });
    else if (event.type === 'presence') this.emitter.emit({ type: 'presence', userId: event.userId, online: event.online, lastSeenAt: event.lastSeenAt });
  }

  /** Chats an event named before the cache knew them. */
  private async fetchChats(chatIds: readonly string[]): Promise<void> {
    for (const chatId of chatIds) {
      if (this.fetchingChats.has(chatId)) continue;
      this.fetchingChats.add(chatId);
      try {
        const view = await this.http.chats.get.query({ chatId });
        this.write((ctx) => storeChat(ctx, view), 'local');
      } catch (error) {
        if (errorCode(error) !== null) this.log(`chat ${chatId} could not be loaded: ${messageOf(error)}`);
      } finally {
        this.fetchingChats.delete(chatId);
      }
    }
  }

  /** An optimistic edit, reaction or deletion the server refused: take the server's version back. */
  private async restoreMessage(chatId: string, messageId: string): Promise<void> {
    const seq = this.cache.messages.byId(messageId)?.seq;
    if (seq === null || seq === undefined || !this.online()) return;
    try {
      const page = await this.http.messages.history.query({ chatId, afterSeq: seq - 1, limit: 1 });
      const fresh = page.messages.find((m) => m.id === messageId);
      if (fresh) this.write((ctx) => storeMessage(ctx, fresh, { authoritative: true }), 'local');
    } catch (error) {
      this.log(`restoring message ${messageId} failed`, error);
    }
  }

  private unreadNow(): UnreadSummary {
    const chats = this.cache.chats.list(true).map((c) => ({ id: c.id, unreadCount: c.unread_count, mutedUntil: c.muted_until, hidden: c.hidden === 1 }));
    return unreadSummary(chats, this.now());
  }

  /** Renews the tokens while online and signed in; offline, the next tick tries again. */
  private async keepSessionAlive(): Promise<void> {
    if (!this.cache.me() || !this.online()) return;
    await this.session.refresh(this.session.accessToken).catch((error: unknown) => this.log('could not renew the session', error));
  }

  private sweepExpired(): void {
    if (this.cache.me()) this.write((ctx) => purgeExpired(ctx), 'local');
  }

  private resetCache(): void {
    this.cache.close();
    deleteCacheFiles(this.cacheFile);
    rmSync(this.mediaDir, { recursive: true, force: true });
    this.cache = openCache(this.cacheFile);
    this.lastUnreadTotal = null;
  }

  /** Signed out here or ended elsewhere: tokens, cache and downloaded media are removed. */
  private async endSession(reason: 'signed-out' | 'session-ended'): Promise<void> {
    if (!this.engine && this.cache.me() === null) return;
    const engine = this.engine;
    this.engine = null;
    await engine?.stop();
    await this.session.clear();
    this.resetCache();
    this.emitter.emit({ type: 'session', signedIn: false, reason });
  }
}
