import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { deleteCacheFiles, openCache, type Cache } from './cache/cache.js';
import { newChangeSet, type ChangeSet, type WriteContext } from './cache/change-set.js';
import { CoreEmitter } from './emitter.js';
import { AuthSession } from './session/auth-session.js';
import type { SecretStore } from './session/secret-store.js';
import type { SyncEngine } from './sync/sync-engine.js';
import { createAnonymousClient, createHttpClient, type ApiClient, type FetchFn } from './sync/transport.js';

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

/** Where a change came from: the live stream (may notify), a catch-up after an absence, or this device. */
export type ChangeSource = 'live' | 'catch-up' | 'local';

/**
 * What every feature of the core shares: the cache (replaced on sign-out), the session and its
 * clients, the running sync engine, and the one place a change is announced after its commit.
 * What an announcement does besides telling the page (tray badge, notifications, fetching chats
 * an event named) is plugged in by the core when it composes the features.
 */
export class CoreRuntime {
  cache: Cache;
  engine: SyncEngine | null = null;
  readonly cacheFile: string;
  readonly mediaDir: string;
  readonly fetch: FetchFn;
  readonly now: () => Date;
  readonly log: (message: string, error?: unknown) => void;
  readonly emitter: CoreEmitter;
  readonly session: AuthSession;
  /** Signed in, for every server call; the page never sees it. */
  readonly http: ApiClient;
  /** For sign-in and token refresh. */
  readonly anonymous: ApiClient;
  /** Runs after every announced change set (notifications, unread badge, follow-up fetches). */
  afterChanges: (changes: ChangeSet, source: ChangeSource) => void = () => undefined;
  /** The refresh token was refused: the session is over. */
  onSessionRefused: () => void = () => undefined;

  constructor(readonly options: DesktopCoreOptions) {
    mkdirSync(options.dataDir, { recursive: true });
    this.cacheFile = path.join(options.dataDir, 'cache.sqlite');
    this.mediaDir = path.join(options.dataDir, 'media');
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? (() => undefined);
    this.emitter = new CoreEmitter(this.log);
    this.cache = openCache(this.cacheFile);
    this.anonymous = createAnonymousClient(options.serverUrl, this.fetch);
    this.session = new AuthSession(
      options.secretStore,
      (refreshToken) => this.anonymous.auth.refresh.mutate({ refreshToken }),
      () => this.onSessionRefused(),
    );
    this.http = createHttpClient(options.serverUrl, this.fetch, this.session);
  }

  online(): boolean {
    return this.engine?.connection === 'online';
  }

  /** A local write in one transaction, announced after the commit. */
  write<T>(work: (ctx: WriteContext) => T, source: ChangeSource = 'local'): T {
    const me = this.cache.me();
    if (!me) throw new Error('Sign in first');
    const changes = newChangeSet();
    const result = this.cache.transaction(() => work({ cache: this.cache, me, now: this.now, changes }));
    this.announce(changes, source);
    return result;
  }

  /** After a commit: files of removed messages go, the page hears what changed, then the rest. */
  announce(changes: ChangeSet, source: ChangeSource): void {
    for (const file of changes.files) rmSync(file, { force: true });
    for (const event of changes.events) this.emitter.emit(event);
    this.afterChanges(changes, source);
  }

  /** Signed out, or another account signs in: the cache and downloaded files are removed. */
  resetCache(): void {
    this.cache.close();
    deleteCacheFiles(this.cacheFile);
    rmSync(this.mediaDir, { recursive: true, force: true });
    this.cache = openCache(this.cacheFile);
  }
}
