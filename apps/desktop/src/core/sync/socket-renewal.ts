import { tokenLifetimeMs } from '../../shared/token-lifetime.js';
import type { AuthSession } from '../session/auth-session.js';

/**
 * Renew this long before the socket's token expires, or half way through a short-lived token's
 * life: the refresh and the renewal are two round trips, and on a loaded machine each can take
 * a second or more before the server's deadline (counted from when it issued the token).
 */
const RENEW_MARGIN_MS = 60_000;
/** Never sooner than this after a (re)connect, so a socket is not renewed in a tight loop. */
const MIN_WAIT_MS = 1_000;

/**
 * Keeps the event socket signed in. The server closes a socket when the access token it signed
 * in with expires; shortly before, this refreshes the session (unless someone already did) and
 * sends the new token over the socket (`auth.authenticateSocket`). If that fails the socket is
 * closed at expiry and the sync engine reconnects, catching up from its last event.
 */
export class SocketRenewal {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(
    private readonly session: AuthSession,
    private readonly send: (accessToken: string) => Promise<unknown>,
  ) {}

  /** The socket (re)connected signed in with `token`. */
  carrying(token: string): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.stopped || !token) return;
    const margin = Math.min(RENEW_MARGIN_MS, (tokenLifetimeMs(token) ?? 0) / 2);
    const wait = Math.max(MIN_WAIT_MS, this.session.localExpiryOf(token) - Date.now() - margin);
    this.timer = setTimeout(() => void this.renew(token), wait);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private async renew(carried: string): Promise<void> {
    try {
      await this.session.refresh(carried);
      const fresh = this.session.accessToken;
      if (!fresh || this.stopped) return;
      await this.send(fresh);
      this.carrying(fresh);
    } catch {
      // Refused or offline: the socket ends at expiry and the engine's next cycle reconnects.
    }
  }
}
