import type { ChatStreamEntry, StreamEntry } from '../sync/event-types.js';

/** One user's share of a commit: the entries appended to their stream. */
export interface StoredFor {
  userId: string;
  entries: readonly StreamEntry[];
}

/** One group chat's share of a commit: the entries appended to its stream, for all its members. */
export interface ChatStoredFor {
  chatId: string;
  chatNum: number;
  entries: readonly ChatStreamEntry[];
}

/**
 * Wakes subscribers after a commit. It is not the source of truth: events are stored first,
 * so a lost publish delays delivery until the next event or reconnect but loses nothing.
 */
export interface EventBus {
  publish(channel: string, message: unknown): Promise<void>;
  /**
   * What one commit appended, for all its recipients at once: each user's channel
   * (`channels.user`) hears `{ kind: 'stored', entries }` with their own entries. An event that
   * many users share (a group message) is one object in all their entries; a cluster bus
   * serialises it once and publishes once, not once per recipient, and subscribers on one
   * process share one decoded copy (so the WebSocket encoder turns it into JSON once, too).
   * A group chat's entries go once to the chat's channel (`channels.chat`) as
   * `{ kind: 'chat', chatId, chatNum, entries }`, whatever the number of members.
   */
  publishStored(stored: readonly StoredFor[], chats?: readonly ChatStoredFor[]): Promise<void>;
  /** Resolves once the subscription is live; the returned function unsubscribes. */
  subscribe(channel: string, onMessage: (message: unknown) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /**
   * Calls `listener` whenever the bus is back after it may have dropped messages (a cluster
   * bus reconnected to Redis, or publishes failed meanwhile): subscribers catch up from the
   * store then. A bus that never drops a message need not implement it.
   */
  onReconnect?(listener: () => void): void;
}

export const channels = {
  user: (userId: string) => `user:${userId}`,
  session: (sessionId: string) => `session:${sessionId}`,
  /** A group chat's stream: its members' open `sync.events` listen here. */
  chat: (chatId: string) => `chat:${chatId}`,
  /** Every process hears it: "a process's publishes failed for a while; check your streams" (sync/stream-safety-net.ts). */
  resync: () => 'cluster:resync',
};
