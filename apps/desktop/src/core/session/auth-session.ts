import { endsSession } from '../../shared/errors.js';
import { tokenLifetimeMs } from '../../shared/token-lifetime.js';
import { errorCode, SessionEndedError } from '../sync/errors.js';
import type { SecretStore } from './secret-store.js';

export const SecretKeys = { refreshToken: 'confab.refreshToken', accessToken: 'confab.accessToken' } as const;

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

/**
 * The signed-in session's tokens. The access token is used until the server refuses it
 * (UNAUTHORIZED); then one refresh runs (concurrent callers share it), the rotated refresh
 * token is stored before it is used, and callers retry. A refused refresh ends the session.
 */
export class AuthSession {
  private access: string | null = null;
  /** When this process got the access token (0: loaded from the store, age unknown). */
  private accessReceivedAt = 0;
  private refreshing: Promise<void> | null = null;
  private ended = false;

  constructor(
    private readonly store: SecretStore,
    private readonly refreshCall: (refreshToken: string) => Promise<TokenPair>,
    private readonly onEnded: () => void,
  ) {}

  /** Loads stored tokens; false when there are none (signed out). */
  async load(): Promise<boolean> {
    const refresh = await this.store.get(SecretKeys.refreshToken);
    this.access = await this.store.get(SecretKeys.accessToken);
    this.ended = refresh === null;
    return refresh !== null;
  }

  get accessToken(): string | null {
    return this.access;
  }

  /** When `token` expires by this machine's clock; 0 (already) when it is not the current one or its age is unknown. */
  localExpiryOf(token: string): number {
    if (token !== this.access || this.accessReceivedAt === 0) return 0;
    return this.accessReceivedAt + (tokenLifetimeMs(token) ?? 0);
  }

  async save(tokens: TokenPair): Promise<void> {
    await this.store.set(SecretKeys.refreshToken, tokens.refreshToken);
    await this.store.set(SecretKeys.accessToken, tokens.accessToken);
    this.access = tokens.accessToken;
    this.accessReceivedAt = Date.now();
    this.ended = false;
  }

  /**
   * Renews the access token after `refused` was refused. If another caller already replaced
   * that token, there is nothing to do.
   */
  async refresh(refused: string | null): Promise<void> {
    if (this.ended) throw new SessionEndedError();
    if (refused !== this.access) return;
    this.refreshing ??= this.runRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  async clear(): Promise<void> {
    this.access = null;
    this.ended = true;
    await this.store.delete(SecretKeys.refreshToken);
    await this.store.delete(SecretKeys.accessToken);
  }

  private async runRefresh(): Promise<void> {
    const refreshToken = await this.store.get(SecretKeys.refreshToken);
    if (!refreshToken) return this.end();
    let tokens: TokenPair;
    try {
      tokens = await this.refreshCall(refreshToken);
    } catch (error) {
      if (endsSession(errorCode(error))) return this.end();
      throw error;
    }
    await this.save(tokens);
  }

  private async end(): Promise<never> {
    await this.clear();
    this.onEnded();
    throw new SessionEndedError();
  }
}
