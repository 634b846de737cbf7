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

export interface Context {
  deps: Deps;
  user: AuthUser | null;
  /** Client address, for per-IP rate limits. */
  ip: string;
  /** WebSocket calls: the socket they came on (its own client for admission), closed when it closes. */
  connection?: { id: string; closed: AbortSignal };
  /** Absent: every call is admitted (tests of procedures, tools). */
  admission?: Admission;
}
