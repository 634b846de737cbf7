import type { Deps } from '../deps.js';
import { expireIdleSessions } from './expire-idle-sessions.js';
import { pruneAuthRecords, type PrunedAuthRecords } from './prune-auth-records.js';

export interface AuthHousekeeping extends PrunedAuthRecords {
  /** Sessions ended for being idle past SESSION_IDLE_DAYS. */
  expiredSessions: number;
}

/**
 * The server's periodic auth clean-up: first ends idle sessions (closing their sockets), then
 * deletes what no longer matters — so the spent tokens of a session expired in this run go in
 * this run too.
 */
export async function runAuthHousekeeping(deps: Deps): Promise<AuthHousekeeping> {
  const expiredSessions = await expireIdleSessions(deps);
  const pruned = await pruneAuthRecords(deps);
  return { expiredSessions, ...pruned };
}
