/**
 * The preload bridge's names, shared by main, preload and renderer: one IPC channel per declared
 * procedure (so main knows the schema of what arrives), and one channel for events.
 */
import { isProcedureName, PROCEDURE_NAMES, type ProcedureName } from './procedures/index.js';

const PREFIX = 'confab:';

/** The keys of `window.confab`: every declared procedure, and the one event subscription. */
export const BRIDGE_KEYS = [...PROCEDURE_NAMES, 'onEvent'] as const;

export const channelOf = (procedure: ProcedureName): string => `${PREFIX}${procedure}`;

/** The procedure a channel carries, or null for any channel that is not one of ours. */
export function procedureOf(channel: string): ProcedureName | null {
  if (!channel.startsWith(PREFIX)) return null;
  const name = channel.slice(PREFIX.length);
  return isProcedureName(name) ? name : null;
}

/** Main → page: PageEvents. */
export const EVENT_CHANNEL = 'confab:event';

/** A failure the page can explain: a stable code, a human message, and a wait when limited. */
export interface BridgeFailure {
  code: string;
  message: string;
  retryAfterSeconds?: number;
}

/**
 * Every invoke answers with an envelope rather than a rejection: Electron flattens a rejected
 * error into a string, which would lose the code the screens need (e.g. a rate limit's wait).
 */
export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: BridgeFailure };
