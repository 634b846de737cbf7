/** Messages between the storm orchestrator (run.ts) and its client processes (worker.ts). */

export type ToWorker =
  /** One access token per client to open (several clients share a user: its devices). */
  | { type: 'open'; url: string; tokens: string[]; localAddress: string; concurrency: number }
  /** The highest seq each client has received so far (-1 while it has not subscribed again since the drop). */
  | { type: 'progress' }
  /**
   * Hold every reconnect until `reconnectAt` (Date.now() clock), when all try at once; with
   * `terminate`, drop every socket now (no close handshake: the server sees them all go),
   * without it the server is about to drop them itself (it is killed).
   */
  | { type: 'drop'; reconnectAt: number; terminate: boolean }
  /** Everything each client received, in order, with the Date.now() of each receipt. */
  | { type: 'report' }
  | { type: 'close' };

export interface ClientReport {
  /** Seqs received, in the order they arrived (tracked ids of sync.events). */
  seqs: number[];
  /** Date.now() at each receipt, same index as seqs. */
  at: number[];
  /** Date.now() when the subscription was first started again after the drop (0: never). */
  resubscribedAt: number;
  /** Sockets this client opened after the drop (1 when it got back in at the first try). */
  connectAttemptsAfterDrop: number;
}

export type FromWorker =
  | { type: 'opened'; opened: number; failed: number; firstError: string | null }
  | { type: 'progress'; highest: number[] }
  | { type: 'dropped'; sockets: number }
  | {
      type: 'report';
      clients: ClientReport[];
      /** Subscription errors by tRPC code (each is retried with backoff from the last seq). */
      subscriptionErrors: Record<string, number>;
      /** Failed socket opens by cause ("429", "ECONNRESET", …); the client retries with backoff. */
      socketErrors: Record<string, number>;
      /** Sockets opened after the drop that closed again, by close code (1006: no close frame). */
      closesAfterDrop: Record<string, number>;
    }
  | { type: 'closed' };
