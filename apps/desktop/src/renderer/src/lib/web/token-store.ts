import { tokenLifetimeMs as lifetimeFromClaims } from '../../../../shared/token-lifetime';
import type { UserView } from '../backend';

export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: string;
  /** When the access token expires by this machine's clock (see tokenLifetimeMs). */
  localExpiresAt: number;
  sessionId: string;
  user: UserView;
}

const KEY = 'confab.session';

/**
 * The web client keeps its tokens in sessionStorage: they survive a reload of this tab and end
 * with it, and no other tab (or a later visitor of a shared computer) picks them up.
 */
export class TokenStore {
  private session: StoredSession | null;

  constructor(private readonly storage: Storage | null = safeSessionStorage()) {
    this.session = this.read();
  }

  get(): StoredSession | null {
    return this.session;
  }

  accessToken(): string | null {
    return this.session?.accessToken ?? null;
  }

  set(session: StoredSession | null): void {
    this.session = session;
    if (!this.storage) return;
    if (session) this.storage.setItem(KEY, JSON.stringify(session));
    else this.storage.removeItem(KEY);
  }

  update(changes: Partial<StoredSession>): void {
    if (this.session) this.set({ ...this.session, ...changes });
  }

  private read(): StoredSession | null {
    try {
      const raw = this.storage?.getItem(KEY);
      if (!raw) return null;
      const parsed = JSON.parse(raw) as StoredSession;
      if (typeof parsed.accessToken !== 'string' || typeof parsed.refreshToken !== 'string' || !parsed.user) return null;
      // Unknown expiry: treat the access token as expired, so the first call refreshes it.
      return { ...parsed, localExpiresAt: typeof parsed.localExpiresAt === 'number' ? parsed.localExpiresAt : 0 };
    } catch {
      return null;
    }
  }
}

function safeSessionStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    // Storage can be disabled by the browser; the session then lives in memory only.
    return null;
  }
}

/** How long an access token lives (shared/token-lifetime.ts), else until the server's expiry time. */
export function tokenLifetimeMs(accessToken: string, expiresAtIso: string): number {
  return lifetimeFromClaims(accessToken) ?? Math.max(0, Date.parse(expiresAtIso) - Date.now());
}
