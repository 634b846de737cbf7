import type { Deps } from './deps.js';

export interface AuthUser {
  id: string;
  sessionId: string;
}

export interface Context {
  deps: Deps;
  user: AuthUser | null;
  /** Client address, for per-IP rate limits. */
  ip: string;
}
