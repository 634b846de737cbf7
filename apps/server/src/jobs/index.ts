import type { Deps } from '@confab/api';
import { runAuthHousekeeping } from '@confab/api/auth/auth-housekeeping';
import { sweepCalls } from '@confab/api/calls/sweep-calls';
import { sweepExpiredMessages } from '@confab/api/chats/sweep-expired';
import { collectOrphanedMedia } from '@confab/api/media/collect-orphaned-media';
import { PRESENCE_HEARTBEAT_MS } from '@confab/api/presence/presence.repo';
import { presenceTracker } from '@confab/api/presence/tracker';
import { sweepExpiredStories } from '@confab/api/stories/sweep-expired-stories';
import { pruneEvents } from '@confab/api/sync/prune-events';
import { sweepExpiredLiveLocations } from '@confab/api/location/sweep-live-locations';
import { startIntervalJob } from './interval-job.js';

export interface JobOptions {
  disappearingSweepMs: number;
  /** How often unanswered rings and silent calls are ended (default 5 s). */
  callSweepMs?: number;
  /** Stored sync events older than this many days are deleted (EVENT_RETENTION_DAYS, default 30). */
  eventRetentionDays?: number;
}

/** How often files of messages that went away are looked for (they wait out a grace first). */
export const MEDIA_COLLECT_MS = 60_000;

/**
 * How often idle sessions are ended and spent tokens, old codes and ended sessions deleted.
 * Idle limits are counted in days, so a run every 15 minutes closes an expired session's socket
 * soon enough, and each run's indexed deletes are small.
 */
export const AUTH_HOUSEKEEPING_MS = 15 * 60_000;

/** How often old sync events are pruned: retention is counted in days, and each run is small batches. */
export const EVENT_PRUNE_MS = 60 * 60_000;

export interface Jobs {
  sweepDisappearing(): Promise<void>;
  collectOrphanedMedia(): Promise<void>;
  authHousekeeping(): Promise<void>;
  sweepCalls(): Promise<void>;
  pruneEvents(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The server's background work: deleting messages whose disappearing timer ran out, removing
 * the files of messages that went away once nothing uses them, auth housekeeping (idle
 * sessions end; spent refresh tokens, old codes and ended sessions go), and the presence
 * heartbeat (which also cleans up after server processes that died).
 */
export function startJobs(deps: Deps, options: JobOptions): Jobs {
  const sweeper = startIntervalJob('disappearing-sweeper', options.disappearingSweepMs, deps.log, async () => {
    const removed = await sweepExpiredMessages(deps);
    if (removed > 0) deps.log.info({ event: 'messages.expired', removed }, 'disappearing messages removed');
    const stories = await sweepExpiredStories(deps);
    if (stories > 0) deps.log.info({ event: 'stories.expired', removed: stories }, 'expired stories removed');
    const live = await sweepExpiredLiveLocations(deps);
    if (live > 0) deps.log.info({ event: 'live_locations.ended', ended: live }, 'live locations that ran out ended');
  });
  const collector = startIntervalJob('media-collector', MEDIA_COLLECT_MS, deps.log, async () => {
    const collected = await collectOrphanedMedia(deps);
    if (collected.media > 0) deps.log.info({ event: 'media.collected', ...collected }, 'files of deleted messages removed');
  });
  const authHousekeeping = startIntervalJob('auth-housekeeping', AUTH_HOUSEKEEPING_MS, deps.log, async () => {
    const done = await runAuthHousekeeping(deps);
    if (Object.values(done).some((n) => n > 0)) deps.log.info({ event: 'auth.housekeeping', ...done }, 'idle sessions ended, spent auth records deleted');
  });
  const calls = startIntervalJob('call-sweeper', options.callSweepMs ?? 5_000, deps.log, async () => {
    const changed = await sweepCalls(deps);
    if (changed > 0) deps.log.info({ event: 'calls.swept', changed }, 'unanswered or silent calls ended');
  });
  const eventPrune = startIntervalJob('event-prune', EVENT_PRUNE_MS, deps.log, async () => {
    const pruned = await pruneEvents(deps, options.eventRetentionDays ?? 30);
    if (pruned > 0) deps.log.info({ event: 'events.pruned', pruned }, 'sync events past their retention deleted');
  });
  const heartbeat = startIntervalJob('presence-heartbeat', PRESENCE_HEARTBEAT_MS, deps.log, () => presenceTracker(deps).heartbeat());
  return {
    sweepDisappearing: () => sweeper.runNow(),
    collectOrphanedMedia: () => collector.runNow(),
    authHousekeeping: () => authHousekeeping.runNow(),
    sweepCalls: () => calls.runNow(),
    pruneEvents: () => eventPrune.runNow(),
    stop: async () => {
      await Promise.all([sweeper.stop(), collector.stop(), authHousekeeping.stop(), calls.stop(), heartbeat.stop(), eventPrune.stop()]);
      await presenceTracker(deps).retire().catch((error: unknown) => deps.log.warn({ err: error }, 'presence heartbeat row not removed; other processes drop it once stale'));
    },
  };
}
