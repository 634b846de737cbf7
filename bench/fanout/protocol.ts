/** Messages between the fanout orchestrator (run.ts) and its receiver processes (receiver.ts). */

export type ToReceiver =
  | { type: 'connect'; url: string; tokens: string[]; concurrency: number }
  /** Send back (and forget) the arrival times gathered so far. */
  | { type: 'collect' }
  | { type: 'close' };

export type FromReceiver =
  | { type: 'connected'; connected: number; failed: number; firstError: string | null; seconds: number }
  /**
   * Wall-clock arrival times (ms, performance.timeOrigin + performance.now()) of each
   * message.new, by the message's clientId, one entry per receiving socket.
   */
  | { type: 'arrivals'; arrivals: Record<string, number[]>; closes: number; errors: number }
  | { type: 'closed' };
