import type { Deps } from './deps.js';

export interface AuthUser {
  id: string;
  sessionId: string;
}

/**
 * Admission control, as the server process provides it: a place for one call, waited for in
 * order, or a TOO_MANY_REQUESTS refusal. `gone` aborts when the caller went away while waiting.
 * Resolves with the function that gives the place back.
 */
export interface Admission {
  enter(client: string, gone: AbortSignal | undefined): Promise<() => void>;
}

/**
 * A WebSocket's sign-in, kept by the server process for the socket's lifetime. It lasts until
 * the access token it was given expires, so the client sends a fresh one before then
 * (`auth.authenticateSocket`); the session is re-checked on every call, so an ended session is
 * refused even if the message that would have closed its sockets was lost.
 */
export interface SocketSignIn {
  /** Who the socket is signed in as for this call; null when never signed in, expired or ended. */
  current(): Promise<AuthUser | null>;
  /** (Re-)signs the socket in with an access token; resolves with the moment it expires. */
  authenticate(accessToken: string): Promise<Date>;
}

export interface Context {
  deps: Deps;
  user: AuthUser | null;
  /** Client address, for per-IP rate limits. */
  ip: string;
  /** WebSocket calls: the socket they came on (its own client for admission), closed when it closes. */
  connection?: { id: string; closed: AbortSignal; signIn: SocketSignIn; maxSubscriptions: number };
  /**
   * A WebSocket subscription's sink: a value handed to it is sent at once, exactly as if the
   * procedure's iterator had yielded it (a `tracked` envelope included). For a procedure to use
   * only while its iterator waits for its next value, i.e. when everything it yielded has been
   * sent, so the order holds. False: not sent (the subscription is ending, or the socket closed).
   * Absent over HTTP and for queries and mutations.
   */
  send?: (value: unknown) => boolean;
  /** Absent: every call is admitted (tests of procedures, tools). */
  admission?: Admission;
}
