import type { Deps } from '../deps.js';
import { fail } from '../errors.js';

/** Per-user caps on the hot actions, per minute (RATE_*_PER_MINUTE). */
export interface ActionLimits {
  sends: number;
  typing: number;
  uploads: number;
}

export const DEFAULT_ACTION_LIMITS: ActionLimits = { sends: 120, typing: 60, uploads: 30 };

const refusals: Record<keyof ActionLimits, string> = {
  sends: 'You are sending messages too fast; wait a moment',
  // Typing fans out to every member of a group, so a flood of it costs the whole group.
  typing: 'Too many typing notices',
  uploads: 'You are uploading too fast; wait a moment',
};

/**
 * Counts one `action` by `userId` and refuses it (TOO_MANY_REQUESTS with retryAfterSeconds)
 * past its per-minute cap. Counted in Redis when the server has it (every process shares the
 * count), else in this process's memory.
 */
export async function limitAction(deps: Deps, action: keyof ActionLimits, userId: string): Promise<void> {
  const limit = deps.actionLimits?.[action] ?? DEFAULT_ACTION_LIMITS[action];
  const result = await deps.rateLimits.fast.hit(`${action}:${userId}`, { limit, windowSeconds: 60 }, deps.clock.now());
  if (!result.allowed) throw fail.tooManyRequests(refusals[action], result.retryAfterSeconds);
}
