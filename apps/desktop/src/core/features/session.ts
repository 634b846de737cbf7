import type { MeView, UserView } from '@confab/api';
import { StateKeys } from '../cache/state.repo.js';
import type { CoreRuntime } from '../runtime.js';
import type { Profile } from '../types.js';
import type { SyncFeature } from './sync.js';

/**
 * The server ends sessions unused for SESSION_IDLE_DAYS (30 by default), and "used" means a
 * token refresh. An app left open on a healthy socket may go weeks without one, so it renews
 * twice a day while online.
 */
const SESSION_REFRESH_MS = 12 * 60 * 60 * 1000;
const SIGN_OUT_WAIT_MS = 3000;

/** Signing in and out, and keeping the session alive. Tokens stay in this process. */
export class SessionFeature {
  private refreshTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly rt: CoreRuntime,
    private readonly sync: SyncFeature,
  ) {}

  /** Loads the stored session; if signed in, the cache is readable now and sync starts. */
  async restore(): Promise<{ signedIn: boolean }> {
    const { rt } = this;
    const hasTokens = await rt.session.load();
    const me = rt.cache.me();
    if (hasTokens && !me) await rt.session.clear();
    const signedIn = hasTokens && me !== null;
    this.refreshTimer = setInterval(() => void this.keepAlive(), rt.options.sessionRefreshMs ?? SESSION_REFRESH_MS);
    this.refreshTimer.unref();
    if (signedIn) this.sync.start();
    return { signedIn };
  }

  stopTimers(): void {
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    this.refreshTimer = null;
  }

  async requestCode(phone: string): Promise<{ phone: string; expiresInSeconds: number }> {
    return this.rt.anonymous.auth.requestCode.mutate({ phone });
  }

  async verifyCode(phone: string, code: string): Promise<{ user: Profile; isNewUser: boolean }> {
    const { rt } = this;
    const result = await rt.anonymous.auth.verifyCode.mutate({ phone, code, deviceName: rt.options.deviceName ?? 'Confab Desktop' });
    await this.sync.stop();
    // Another account's cache must not leak into this one.
    if (rt.cache.me() !== null && rt.cache.me() !== result.user.id) rt.resetCache();
    await rt.session.save(result);
    // The full profile (with when the account was made), kept for reading offline.
    const profile = await rt.http.me.get.query().catch(() => null);
    rt.cache.state.setJson(StateKeys.sessionUser, profile ?? result.user);
    rt.cache.state.set(StateKeys.sessionId, result.sessionId);
    this.sync.start();
    return { user: result.user, isNewUser: result.isNewUser };
  }

  /** Ends the session on the server (when reachable) and wipes the tokens and the cache. */
  async signOut(): Promise<void> {
    if (this.rt.online()) {
      await Promise.race([this.rt.http.auth.logout.mutate().catch(() => undefined), new Promise((r) => setTimeout(r, SIGN_OUT_WAIT_MS).unref())]);
    }
    await this.end('signed-out');
  }

  /** The signed-in user as the cache keeps them (kept fresh by `me.get` while online). */
  me(): Profile | null {
    return this.rt.cache.state.getJson<Profile>(StateKeys.sessionUser);
  }

  /** My profile: the server's when reachable (kept for offline), else the kept one. */
  async profile(): Promise<MeView | UserView | null> {
    const kept = this.rt.cache.state.getJson<MeView | UserView>(StateKeys.sessionUser);
    if (!kept || !this.rt.online()) return kept;
    try {
      const fresh = await this.rt.http.me.get.query();
      this.rt.cache.state.setJson(StateKeys.sessionUser, fresh);
      return fresh;
    } catch {
      return kept;
    }
  }

  /** The server ended this session (revoked elsewhere, expired, refresh token reused). */
  endedElsewhere(): void {
    void this.end('session-ended');
  }

  /** Signed out here or ended elsewhere: tokens, cache and downloaded media are removed. */
  async end(reason: 'signed-out' | 'session-ended'): Promise<void> {
    const { rt } = this;
    if (!rt.engine && rt.cache.me() === null) return;
    await this.sync.stop();
    await rt.session.clear();
    rt.resetCache();
    rt.emitter.emit({ type: 'shell.signedOut', reason });
  }

  /** Renews the tokens while online and signed in; offline, the next tick tries again. */
  private async keepAlive(): Promise<void> {
    if (!this.rt.cache.me() || !this.rt.online()) return;
    await this.rt.session.refresh(this.rt.session.accessToken).catch((error: unknown) => this.rt.log('could not renew the session', error));
  }
}
