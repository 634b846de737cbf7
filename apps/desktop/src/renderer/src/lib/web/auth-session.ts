import { ClientError, endsSession, toClientError } from '../../../../shared/errors';
import { Emitter } from '../emitter';
import type { HttpClient } from './clients';
import { tokenLifetimeMs, type StoredSession, type TokenStore } from './token-store';

/** Refresh this long before the access token expires, so calls rarely meet an expired one. */
const REFRESH_MARGIN_MS = 60_000;

/** The Web Lock every tab of this origin takes to refresh (see refresh()). */
const REFRESH_LOCK = 'confab.auth.refresh';

/**
 * Owns the tokens: refreshes them before they expire (one refresh at a time across all tabs of
 * this browser; refresh tokens rotate, so two concurrent refreshes would look like a stolen
 * token), retries a call once after an UNAUTHORIZED, and reports when the session is over —
 * here or in another tab.
 */
export class AuthSession {
  readonly signedOut = new Emitter<void>();
  /** A new access token after each refresh (the live socket signs in with it again). */
  readonly renewed = new Emitter<string>();
  /** Another tab signed in with a different session: this tab should start over with it. */
  readonly switched = new Emitter<void>();
  private refreshing: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly tokens: TokenStore,
    private readonly client: () => HttpClient,
  ) {
    tokens.onElsewhere((change) => {
      if (change.kind === 'signed-out') {
        this.stopTimer();
        this.signedOut.emit();
      } else if (change.kind === 'switched') {
        this.switched.emit();
      } else {
        this.schedule();
        this.renewed.emit(change.accessToken);
      }
    });
  }

  current(): StoredSession | null {
    return this.tokens.get();
  }

  async begin({ refreshToken, ...session }: Omit<StoredSession, 'localExpiresAt'> & { refreshToken: string }): Promise<void> {
    await this.tokens.begin({ ...session, localExpiresAt: Date.now() + tokenLifetimeMs(session.accessToken, session.accessTokenExpiresAt) }, refreshToken);
    this.schedule();
  }

  /**
   * Forget the session in this browser (every tab hears it); `notify` tells the UI it was ended
   * from elsewhere. Resolves once the refresh token is deleted.
   */
  end(notify: boolean): Promise<void> {
    this.stopTimer();
    const had = this.tokens.get() !== null;
    const cleared = this.tokens.clear();
    if (notify && had) this.signedOut.emit();
    return cleared;
  }

  /** An access token valid for at least a little while, refreshing first if needed. */
  async freshToken(): Promise<string | null> {
    const session = this.tokens.get();
    if (!session) return null;
    if (session.localExpiresAt - Date.now() < REFRESH_MARGIN_MS) await this.refresh();
    return this.tokens.accessToken();
  }

  /** Runs an authenticated call; after an UNAUTHORIZED it refreshes once and tries again. */
  async call<T>(run: () => Promise<T>): Promise<T> {
    await this.freshToken().catch(() => undefined);
    try {
      return await run();
    } catch (error) {
      if (!isUnauthorized(error) || !this.tokens.get()) throw toClientError(error);
    }
    await this.refresh();
    try {
      return await run();
    } catch (error) {
      throw toClientError(error);
    }
  }

  refresh(): Promise<void> {
    this.refreshing ??= this.refreshAcrossTabs().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /**
   * One tab at a time refreshes (a Web Lock held across tabs), reading the refresh token again
   * inside the lock: the tab before may have rotated it. If that tab shared a new access token
   * while this one waited, this one uses it rather than refreshing again.
   */
  private async refreshAcrossTabs(): Promise<void> {
    const had = this.tokens.accessToken();
    await withLock(REFRESH_LOCK, async () => {
      const session = this.tokens.get();
      const refreshToken = await this.tokens.refreshToken();
      if (!session || !refreshToken) {
        if (session) await this.end(true);
        throw new ClientError('UNAUTHORIZED', 'Sign in again.');
      }
      const renewedMeanwhile = session.accessToken !== '' && session.accessToken !== had && session.localExpiresAt - Date.now() > REFRESH_MARGIN_MS;
      if (!renewedMeanwhile) await this.doRefresh(refreshToken);
    });
  }

  private async doRefresh(refreshToken: string): Promise<void> {
    try {
      const next = await this.client().auth.refresh.mutate({ refreshToken });
      await this.tokens.renew({ ...next, localExpiresAt: Date.now() + tokenLifetimeMs(next.accessToken, next.accessTokenExpiresAt) });
      this.schedule();
      this.renewed.emit(next.accessToken);
    } catch (error) {
      const mapped = toClientError(error);
      // Only a refusal ends the session; a network failure keeps it for the next try.
      if (endsSession(mapped.code)) await this.end(true);
      throw mapped;
    }
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    const session = this.tokens.get();
    if (!session) return;
    const wait = Math.max(5_000, session.localExpiresAt - Date.now() - REFRESH_MARGIN_MS);
    this.timer = setTimeout(() => void this.refresh().catch(() => undefined), wait);
  }
}

/** Runs `task` holding an origin-wide Web Lock (absent outside a secure context: then only this tab's own refreshes are one at a time). */
async function withLock(name: string, task: () => Promise<void>): Promise<void> {
  if (typeof navigator === 'undefined' || !navigator.locks) return task();
  await navigator.locks.request(name, task);
}

export function isUnauthorized(error: unknown): boolean {
  return toClientError(error).code === 'UNAUTHORIZED';
}
