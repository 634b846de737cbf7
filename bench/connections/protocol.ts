/** Messages between the connections orchestrator (run.ts) and its client processes (worker.ts). */

export type ToWorker =
  | {
      type: 'open';
      url: string;
      /** One access token per connection to open (several connections share a user). */
      tokens: string[];
      localAddress: string;
      concurrency: number;
    }
  | { type: 'deliveries' }
  | { type: 'close' };

export type FromWorker =
  | { type: 'opened'; opened: number; failed: number; firstError: string | null; seconds: number }
  /** Per connection index (within this worker): Date.now() of its first message.new, or 0. */
  | { type: 'deliveries'; firstReceiptAt: number[]; closes: number }
  | { type: 'closed' };
