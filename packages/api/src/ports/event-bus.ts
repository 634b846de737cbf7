/**
 * Wakes subscribers after a commit. It is not the source of truth: events are stored first,
 * so a lost publish delays delivery until the next event or reconnect but loses nothing.
 */
export interface EventBus {
  publish(channel: string, message: unknown): Promise<void>;
  /** Resolves once the subscription is live; the returned function unsubscribes. */
  subscribe(channel: string, onMessage: (message: unknown) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export const channels = {
  user: (userId: string) => `user:${userId}`,
  session: (sessionId: string) => `session:${sessionId}`,
};
