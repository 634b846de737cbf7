import { channels, fail, isSessionActive, readAccessToken, type AuthUser, type Deps, type SocketSignIn } from '@confab/api';
import { isDatabaseUnavailable } from '@confab/db';
import type { WebSocket } from 'ws';

/** Why the server closed a socket, as the client sees it in the close frame. */
export const SocketClose = {
  /** Logout, a revoked session, a reused refresh token, an idle session. */
  sessionEnded: { code: 4001, reason: 'session ended' },
  /** The access token the socket was signed in with expired and no fresh one came. */
  signInExpired: { code: 4002, reason: 'sign-in expired' },
  /** An anonymous socket did not sign in within WS_AUTH_TIMEOUT_MS. */
  notSignedIn: { code: 4003, reason: 'not signed in' },
} as const;

/** setTimeout's longest delay; a token living longer is re-checked then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One socket's sign-in. It lasts as long as the access token that made it: the client sends a
 * fresh token (`auth.authenticateSocket`) before it expires, or the socket is closed. Every call
 * asks `current()`, which re-reads the session, so an ended session is refused — and its socket
 * closed — even when the bus message that should have closed it was lost (a Redis reconnect).
 */
export class WebSocketSignIn implements SocketSignIn {
  private user: AuthUser | null = null;
  private expiresAt = 0;
  private timer: NodeJS.Timeout;
  private stopWatching: (() => Promise<void>) | null = null;
  private closed = false;
  /** A token the socket brought while the database was away: the next call signs in with it. */
  private deferredToken: string | null = null;
  private deferred: Promise<unknown> | null = null;

  constructor(
    private readonly deps: Deps,
    private readonly socket: WebSocket,
    authTimeoutMs: number,
  ) {
    // An anonymous socket costs memory and a file descriptor; it gets a short while to sign in.
    this.timer = setTimeout(() => this.close(SocketClose.notSignedIn), authTimeoutMs);
    socket.once('close', () => {
      this.closed = true;
      clearTimeout(this.timer);
      void this.stopWatching?.().catch(() => undefined);
    });
  }

  /**
   * The database was away when the socket connected with `token`: the socket stays open and its
   * next call signs in (answering "unavailable" while the database still is), rather than the
   * connection being refused with nothing the client can tell its pending calls.
   */
  signInLater(token: string): void {
    this.deferredToken = token;
  }

  async current(): Promise<AuthUser | null> {
    if (this.deferredToken !== null) await this.signInDeferred(this.deferredToken);
    const user = this.user;
    if (!user || this.closed) return null;
    if (this.deps.clock.now().getTime() >= this.expiresAt) {
      this.closeAfterReply(SocketClose.signInExpired);
      return null;
    }
    if (!(await isSessionActive(this.deps.db, user.sessionId, user.id))) {
      this.closeAfterReply(SocketClose.sessionEnded);
      return null;
    }
    return user;
  }

  async authenticate(accessToken: string): Promise<Date> {
    const now = this.deps.clock.now();
    const token = await readAccessToken(this.deps.auth, accessToken, now);
    if (!token || !(await isSessionActive(this.deps.db, token.user.sessionId, token.user.id))) {
      throw fail.unauthorized('Your session has expired. Sign in again.');
    }
    if (this.user && this.user.sessionId !== token.user.sessionId) {
      throw fail.badRequest('This connection belongs to another sign-in; open a new connection for this one');
    }
    if (this.closed) throw fail.unauthorized('The connection is closed');
    if (!this.user) this.watchRevocation(token.user.sessionId);
    this.user = token.user;
    this.expiresAt = token.expiresAt.getTime();
    // Timers run on real time; the token's remaining life is measured on the domain clock.
    this.closeAt(Date.now() + this.expiresAt - now.getTime());
    return token.expiresAt;
  }

  private async signInDeferred(token: string): Promise<void> {
    // Calls at once share one attempt.
    this.deferred ??= this.authenticate(token).then(
      () => {
        this.deferredToken = null;
      },
      (error: unknown) => {
        if (!isDatabaseUnavailable(error)) this.deferredToken = null;
        throw error;
      },
    ).finally(() => {
      this.deferred = null;
    });
    await this.deferred;
  }

  private closeAt(deadline: number): void {
    clearTimeout(this.timer);
    const left = deadline - Date.now();
    if (left <= 0) return this.close(SocketClose.signInExpired);
    this.timer = setTimeout(() => this.closeAt(deadline), Math.min(MAX_TIMER_MS, left));
  }

  /**
   * Logout or a revoked session closes the socket at once. Not awaited: with the bus down a
   * subscription waits for it to return, and the per-call check already covers that time.
   */
  private watchRevocation(sessionId: string): void {
    this.deps.bus
      .subscribe(channels.session(sessionId), () => this.close(SocketClose.sessionEnded))
      .then((unsubscribe) => {
        if (this.closed) void unsubscribe().catch(() => undefined);
        else this.stopWatching = unsubscribe;
      })
      .catch((error: unknown) => this.deps.log.warn({ err: error }, 'could not watch a session for revocation; calls still check it'));
  }

  /** The refused call's answer is written first (this turn), then the close frame after it. */
  private closeAfterReply(why: (typeof SocketClose)[keyof typeof SocketClose]): void {
    this.closed = true;
    setImmediate(() => this.close(why));
  }

  private close({ code, reason }: (typeof SocketClose)[keyof typeof SocketClose]): void {
    if (!this.closed || code !== SocketClose.sessionEnded.code) this.deps.log.info({ event: 'ws.closed', code, reason, userId: this.user?.id }, 'socket closed by the server');
    this.closed = true;
    clearTimeout(this.timer);
    this.socket.close(code, reason);
  }
}
