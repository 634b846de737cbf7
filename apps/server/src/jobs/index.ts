import type { Deps } from '@confab/api';
import { sweepExpiredMessages } from '@confab/api/chats/sweep-expired';
import { PRESENCE_HEARTBEAT_MS } from '@confab/api/presence/presence.repo';
import { presenceTracker } from '@confab/api/presence/tracker';
import { startIntervalJob } from './interval-job.js';

export interface JobOptions {
  disappearingSweepMs: number;
}

export interface Jobs {
  sweepDisappearing(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The server's background work: deleting messages whose disappearing timer ran out, and the
 * presence heartbeat (which also cleans up after server processes that died).
 */
export function startJobs(deps: Deps, options: JobOptions): Jobs {
  const sweeper = startIntervalJob('disappearing-sweeper', options.disappearingSweepMs, deps.log, async () => {
    const removed = await sweepExpiredMessages(deps);
    if (removed > 0) deps.log.info({ event: 'messages.expired', removed }, 'disappearing messages removed');
  });
  const heartbeat = startIntervalJob('presence-heartbeat', PRESENCE_HEARTBEAT_MS, deps.log, () => presenceTracker(deps).heartbeat());
  return {
    sweepDisappearing: () => sweeper.runNow(),
    stop: async () => {
      await Promise.all([sweeper.stop(), heartbeat.stop()]);
      await presenceTracker(deps).settled();
    },
  };
}
