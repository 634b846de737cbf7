import { fail, isSessionActive, readAccessToken, type AuthUser, type Deps, type SocketSignIn } from '@confab/api';
import { isDatabaseUnavailable } from '@confab/db';
import type { WebSocket } from 'ws';
import type { SessionWatch, SessionWatcher } from './session-watch.js';

/** Why the server closed a socket, as the client sees it in the close frame. */
export const SocketClose = {
  /** Logout, a revoked session, a reused refresh token, an idle session. */
  sessionEnded: { code: 4001, reason: 'session ended' },
  /** The access token the socket was signed in with expired and no fresh one came. */
  signInExpired: { code: 4002, reason: 'sign-in expired' },
  /** An anonymous socket did not sign in within WS_AUTH_TIMEOUT_MS. */
  notSignedIn: { code: 4003, reason: 'not signed in' },
} as const;

type CloseWhy = (typeof SocketClose)[keyof typeof SocketClose];

/** setTimeout's longest delay; a token living longer is re-checked then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What every socket of a server shares: one object, referenced, not copied per socket. */
export interface SignInShared {
  deps: Deps;
  sessions: SessionWatch;
}

/**
 * One socket's sign-in. It lasts as long as the access token that made it: the client sends a
 * fresh token (`auth.authenticateSocket`) before it expires, or the socket is closed. Every call
 * asks `current()`, which re-reads the session, so an ended session is refused — and its socket
 * closed — even when the bus message that should have closed it was lost (a Redis reconnect).
 *
 * The socket's connection (trpc-socket.ts) extends this class, so a socket's whole state is one
 * object; its timers call shared functions with the object as argument (no closure per socket),
 * and the session's revocation is watched once per session (session-watch.ts).
 */
export class WebSocketSignIn implements SocketSignIn, SessionWatcher {
  protected user: AuthUser | null = null;
  private expiresAt = 0;
  private timer: NodeJS.Timeout;
  /** The socket is closing or closed: no call is signed in any more. */
  protected shut = false;
  /** A token the socket brought while the database was away: the next call signs in with it. */
  private deferredToken: string | null = null;
  private deferred: Promise<unknown> | null = null;

  constructor(
    protected readonly shared: SignInShared,
    readonly socket: WebSocket,
    authTimeoutMs: number,
  ) {
    // An anonymous socket costs memory and a file descriptor; it gets a short while to sign in.
    this.timer = setTimeout(closeNotSignedIn, authTimeoutMs, this);
  }

  /** The socket closed (whoever closed it): no more timers, and its session is no longer watched. */
  protected signInEnded(): void {
    this.shut = true;
    clearTimeout(this.timer);
    if (this.user) this.shared.sessions.leave(this.user.sessionId, this);
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
    if (!user || this.shut) return null;
    if (this.shared.deps.clock.now().getTime() >= this.expiresAt) {
      this.closeAfterReply(SocketClose.signInExpired);
      return null;
    }
    if (!(await isSessionActive(this.shared.deps.db, user.sessionId, user.id))) {
      this.closeAfterReply(SocketClose.sessionEnded);
      return null;
    }
    return user;
  }

  async authenticate(accessToken: string): Promise<Date> {
    const { deps } = this.shared;
    const now = deps.clock.now();
    const token = await readAccessToken(deps.auth, accessToken, now);
    if (!token || !(await isSessionActive(deps.db, token.user.sessionId, token.user.id))) {
      throw fail.unauthorized('Your session has expired. Sign in again.');
    }
    if (this.user && this.user.sessionId !== token.user.sessionId) {
      throw fail.badRequest('This connection belongs to another sign-in; open a new connection for this one');
    }
    if (this.shut) throw fail.unauthorized('The connection is closed');
    // Logout or a revoked session closes the socket at once (sessionEnded). Not awaited: with the
    // bus down a subscription waits for it to return, and the per-call check covers that time.
    if (!this.user) this.shared.sessions.join(token.user.sessionId, this);
    this.user = token.user;
    this.expiresAt = token.expiresAt.getTime();
    // Timers run on real time; the token's remaining life is measured on the domain clock.
    this.closeAt(Date.now() + this.expiresAt - now.getTime());
    return token.expiresAt;
  }

  sessionEnded(): void {
    this.close(SocketClose.sessionEnded);
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

  /** Closes the socket at `deadline` (real time) unless a fresh token moves it first. */
  closeAt(deadline: number): void {
    clearTimeout(this.timer);
    const left = deadline - Date.now();
    if (left <= 0) return this.close(SocketClose.signInExpired);
    this.timer = setTimeout(closeAtDeadline, Math.min(MAX_TIMER_MS, left), this, deadline);
  }

  /** The refused call's answer is written first (this turn), then the close frame after it. */
  private closeAfterReply(why: CloseWhy): void {
    this.shut = true;
    setImmediate(closeFor, this, why);
  }

  close({ code, reason }: CloseWhy): void {
    if (!this.shut || code !== SocketClose.sessionEnded.code) this.shared.deps.log.info({ event: 'ws.closed', code, reason, userId: this.user?.id }, 'socket closed by the server');
    this.shut = true;
    clearTimeout(this.timer);
    this.socket.close(code, reason);
  }
}

// Timer callbacks shared by every socket; the socket's sign-in comes as an argument.
function closeNotSignedIn(signIn: WebSocketSignIn): void {
  signIn.close(SocketClose.notSignedIn);
}
function closeAtDeadline(signIn: WebSocketSignIn, deadline: number): void {
  signIn.closeAt(deadline);
}
function closeFor(signIn: WebSocketSignIn, why: CloseWhy): void {
  signIn.close(why);
}
