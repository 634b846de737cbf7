import { ClientError, endsSession, toClientError } from '../../../../shared/errors';
import { Emitter } from '../emitter';
import type { HttpClient } from './clients';
import { tokenLifetimeMs, type StoredSession, type TokenStore } from './token-store';

/** Refresh this long before the access token expires, so calls rarely meet an expired one. */
const REFRESH_MARGIN_MS = 60_000;

/**
 * Owns the tokens: refreshes them before they expire (one refresh at a time; refresh tokens
 * rotate, so two concurrent refreshes would look like a stolen token), retries a call once after
 * an UNAUTHORIZED, and reports when the session is over.
 */
export class AuthSession {
  readonly signedOut = new Emitter<void>();
  /** A new access token after each refresh (the live socket signs in with it again). */
  readonly renewed = new Emitter<string>();
  private refreshing: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly tokens: TokenStore,
    private readonly client: () => HttpClient,
  ) {}

  current(): StoredSession | null {
    return this.tokens.get();
  }

  begin(session: Omit<StoredSession, 'localExpiresAt'>): void {
    this.tokens.set({ ...session, localExpiresAt: Date.now() + tokenLifetimeMs(session.accessToken, session.accessTokenExpiresAt) });
    this.schedule();
  }

  /** Forget the session locally; `notify` tells the UI it was ended from elsewhere. */
  end(notify: boolean): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const had = this.tokens.get() !== null;
    this.tokens.set(null);
    if (notify && had) this.signedOut.emit();
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
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<void> {
    const session = this.tokens.get();
    if (!session) throw new ClientError('UNAUTHORIZED', 'Sign in again.');
    try {
      const next = await this.client().auth.refresh.mutate({ refreshToken: session.refreshToken });
      this.tokens.update({ ...next, localExpiresAt: Date.now() + tokenLifetimeMs(next.accessToken, next.accessTokenExpiresAt) });
      this.schedule();
      this.renewed.emit(next.accessToken);
    } catch (error) {
      const mapped = toClientError(error);
      // Only a refusal ends the session; a network failure keeps it for the next try.
      if (endsSession(mapped.code)) this.end(true);
      throw mapped;
    }
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    const session = this.tokens.get();
    if (!session) return;
    const wait = Math.max(5_000, session.localExpiresAt - Date.now() - REFRESH_MARGIN_MS);
    this.timer = setTimeout(() => void this.refresh().catch(() => undefined), wait);
  }
}

export function isUnauthorized(error: unknown): boolean {
  return toClientError(error).code === 'UNAUTHORIZED';
}
