import type { Logger } from 'pino';

export interface IntervalJob {
  /** Runs the job now (unless a run is already going, which is then awaited). */
  runNow(): Promise<void>;
  /** No new runs; resolves once the current one is done. */
  stop(): Promise<void>;
}

/** Runs `work` every `everyMs`, never two runs at once; a failed run is logged and retried next time. */
export function startIntervalJob(name: string, everyMs: number, log: Logger, work: () => Promise<unknown>): IntervalJob {
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = () => {
    if (stopped) return Promise.resolve();
    running ??= work()
      .then(
        () => undefined,
        (error: unknown) => log.warn({ err: error, job: name }, 'background job failed; it will run again'),
      )
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return {
    runNow: run,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
