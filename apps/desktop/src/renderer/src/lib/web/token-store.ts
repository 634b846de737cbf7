import { tokenLifetimeMs as lifetimeFromClaims } from '../../../../shared/token-lifetime';
import type { UserView } from '../backend';
import { RefreshTokenVault } from './refresh-token-vault';

export interface StoredSession {
  /** Empty until this tab has one (a new tab starts with the refresh token only). */
  accessToken: string;
  accessTokenExpiresAt: string;
  /** When the access token expires by this machine's clock (see tokenLifetimeMs). */
  localExpiresAt: number;
  sessionId: string;
  user: UserView;
}

/** A renewed pair of tokens, as the refresh returned them. */
export interface RenewedTokens {
  accessToken: string;
  accessTokenExpiresAt: string;
  localExpiresAt: number;
  refreshToken: string;
}

/** What another tab of this browser did to the shared sign-in. */
export type ElsewhereChange =
  /** Signed out (or the session was refused): this tab is signed out too. */
  | { kind: 'signed-out' }
  /** A different sign-in took the browser's place: this tab should start again with it. */
  | { kind: 'switched' }
  /** Refreshed the tokens and shared the new access token: this tab uses it as well. */
  | { kind: 'renewed'; accessToken: string };

/** Who is signed in, in localStorage: read at once on start-up, and its changes heard by every tab. */
interface SignedIn {
  sessionId: string;
  user: UserView;
}

/** A renewed access token, told to the other tabs (memory to memory; never stored). */
interface Renewal {
  type: 'renewed';
  sessionId: string;
  accessToken: string;
  accessTokenExpiresAt: string;
}

const KEY = 'confab.session';
const CHANNEL = 'confab.session';

/**
 * The web client's sign-in, shared by every tab of this browser and kept across restarts, as
 * WhatsApp Web and Telegram Web keep theirs: a tab opened from a push notification is signed in.
 * Who is signed in (session id and user) is in localStorage, whose `storage` event tells every
 * tab when another signs out or in; the refresh token is in IndexedDB (refresh-token-vault.ts),
 * read afresh each time it is spent; the access token stays in memory, passed between open tabs
 * over a BroadcastChannel when one of them renews it.
 */
export class TokenStore {
  private session: StoredSession | null;
  private readonly listeners = new Set<(change: ElsewhereChange) => void>();
  private readonly channel: BroadcastChannel | null;

  constructor(
    private readonly storage: Storage | null = safeLocalStorage(),
    private readonly vault: RefreshTokenVault = new RefreshTokenVault(),
  ) {
    adoptTabSession(storage, vault);
    const signedIn = this.readSignedIn();
    this.session = signedIn ? withoutAccessToken(signedIn) : null;
    this.channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
    this.channel?.addEventListener('message', (event: MessageEvent<Renewal>) => this.heardRenewal(event.data));
    if (typeof window !== 'undefined') window.addEventListener('storage', (event) => this.storageChanged(event));
  }

  get(): StoredSession | null {
    return this.session;
  }

  accessToken(): string | null {
    return this.session?.accessToken || null;
  }

  /** A new sign-in: its refresh token is committed before any tab can hear of it. */
  async begin(session: StoredSession, refreshToken: string): Promise<void> {
    await this.vault.write({ sessionId: session.sessionId, refreshToken });
    this.session = session;
    this.writeSignedIn(session);
    this.share(session);
  }

  /**
   * The refresh token to spend now, read from the browser's copy (another tab may have rotated
   * it a moment ago), or null when it is gone or belongs to another sign-in. Read inside the
   * cross-tab refresh lock, so no two tabs ever send the same one.
   */
  async refreshToken(): Promise<string | null> {
    const mine = this.session;
    if (!mine) return null;
    const record = await this.vault.read().catch(() => null);
    return record?.sessionId === mine.sessionId ? record.refreshToken : null;
  }

  /** After a refresh: the new refresh token is committed, then the access token shared. */
  async renew(tokens: RenewedTokens): Promise<void> {
    const mine = this.session;
    if (!mine) return;
    await this.vault.write({ sessionId: mine.sessionId, refreshToken: tokens.refreshToken });
    const { refreshToken: _stored, ...access } = tokens;
    this.session = { ...mine, ...access };
    this.share(this.session);
  }

  update(changes: { user: UserView }): void {
    if (!this.session) return;
    this.session = { ...this.session, ...changes };
    this.writeSignedIn(this.session);
  }

  /** Signed out here: every tab hears it from localStorage; the refresh token is deleted. */
  async clear(): Promise<void> {
    this.session = null;
    this.writeSignedIn(null);
    await this.vault.write(null).catch(() => undefined);
  }

  onElsewhere(listener: (change: ElsewhereChange) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private tell(change: ElsewhereChange): void {
    for (const listener of [...this.listeners]) listener(change);
  }

  private share(session: StoredSession): void {
    this.channel?.postMessage({ type: 'renewed', sessionId: session.sessionId, accessToken: session.accessToken, accessTokenExpiresAt: session.accessTokenExpiresAt } satisfies Renewal);
  }

  private storageChanged(event: StorageEvent): void {
    if (event.storageArea !== this.storage || (event.key !== KEY && event.key !== null)) return;
    const signedIn = this.readSignedIn();
    const mine = this.session;
    if (!signedIn) {
      if (!mine) return;
      // Signed out in another tab: forget here, leaving the stores to whoever writes them next.
      this.session = null;
      this.tell({ kind: 'signed-out' });
    } else if (signedIn.sessionId !== mine?.sessionId) {
      this.tell({ kind: 'switched' });
    } else {
      this.session = { ...mine, user: signedIn.user };
    }
  }

  private heardRenewal(message: Renewal): void {
    const mine = this.session;
    if (message?.type !== 'renewed' || !mine || message.sessionId !== mine.sessionId) return;
    const localExpiresAt = Date.now() + tokenLifetimeMs(message.accessToken, message.accessTokenExpiresAt);
    if (localExpiresAt <= mine.localExpiresAt) return;
    this.session = { ...mine, accessToken: message.accessToken, accessTokenExpiresAt: message.accessTokenExpiresAt, localExpiresAt };
    this.tell({ kind: 'renewed', accessToken: message.accessToken });
  }

  private writeSignedIn(session: SignedIn | null): void {
    if (!this.storage) return;
    try {
      if (!session) return this.storage.removeItem(KEY);
      const next = JSON.stringify({ sessionId: session.sessionId, user: session.user } satisfies SignedIn);
      if (this.storage.getItem(KEY) !== next) this.storage.setItem(KEY, next);
    } catch {
      // Storage full or disabled: the session carries on in this tab's memory.
    }
  }

  private readSignedIn(): SignedIn | null {
    try {
      const raw = this.storage?.getItem(KEY);
      if (!raw) return null;
      const parsed = JSON.parse(raw) as Partial<SignedIn>;
      if (typeof parsed.sessionId !== 'string' || !parsed.user) return null;
      return { sessionId: parsed.sessionId, user: parsed.user };
    } catch {
      return null;
    }
  }
}

/** A session read from storage: no access token yet, so the first call refreshes. */
function withoutAccessToken(signedIn: SignedIn): StoredSession {
  return { ...signedIn, accessToken: '', accessTokenExpiresAt: new Date(0).toISOString(), localExpiresAt: 0 };
}

/**
 * Earlier builds kept the session in this tab's sessionStorage: a tab signed in then stays
 * signed in after the update (its sign-in becomes the browser's, unless the browser has one).
 */
function adoptTabSession(storage: Storage | null, vault: RefreshTokenVault): void {
  try {
    const tab = window.sessionStorage;
    const old = tab.getItem(KEY);
    if (!old) return;
    tab.removeItem(KEY);
    const parsed = JSON.parse(old) as Partial<SignedIn & { refreshToken: string }>;
    if (!storage || storage.getItem(KEY) || typeof parsed.refreshToken !== 'string' || typeof parsed.sessionId !== 'string' || !parsed.user) return;
    // Queued before any read of the vault, so the first refresh finds it.
    void vault.write({ sessionId: parsed.sessionId, refreshToken: parsed.refreshToken }).catch(() => undefined);
    storage.setItem(KEY, JSON.stringify({ sessionId: parsed.sessionId, user: parsed.user } satisfies SignedIn));
  } catch {
    // No sessionStorage, or an unreadable record: nothing to carry over.
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    // Storage can be disabled by the browser; the session then lives in memory only.
    return null;
  }
}

/** How long an access token lives (shared/token-lifetime.ts), else until the server's expiry time. */
export function tokenLifetimeMs(accessToken: string, expiresAtIso: string): number {
  return lifetimeFromClaims(accessToken) ?? Math.max(0, Date.parse(expiresAtIso) - Date.now());
}
