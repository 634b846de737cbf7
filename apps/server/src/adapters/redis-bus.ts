import { channels, type ChatStoredFor, type EventBus, type StoredFor } from '@confab/api';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * The one channel that carries stored events to every process. A commit's events go out as one
 * Redis message, `{ events: [...], to: [[userId, seq, eventIndex, seq, eventIndex…], …] }`:
 * each event's JSON once however many users' streams it was appended to, and each process hands
 * its own subscribers their entries, sharing one decoded event object among them. A group
 * chat's entries are listed once for the chat (`chats`), not once per member.
 */
const STORED = 'cluster:stored';

interface StoredWire {
  events: unknown[];
  to: [string, ...number[]][];
  /** Group chat streams: `[chatId, chatNum, seq, eventIndex, windowsChanged (0/1), …]`. */
  chats?: [string, ...number[]][];
}

/**
 * Joins server processes into one cluster: a publish on any process reaches subscribers on all.
 * Redis pub/sub drops what is published while a connection is down; the event store is the
 * source of truth, so the bus only has to say when it is back (`onReconnect`) and subscribers
 * fill their gaps from the store.
 */
export class RedisBus implements EventBus {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly handlers = new Map<string, Set<(message: unknown) => void>>();
  private readonly reconnectListeners = new Set<() => void>();
  /** A publish failed since the publisher was last ready. */
  private publishMissed = false;
  private subscriberWasReady = false;
  /** The STORED channel is live on the subscriber (every user channel's subscribe waits for it). */
  private storedLive: Promise<unknown> | null = null;

  constructor(url: string, private readonly log: Logger) {
    // No offline queue for publishes: while Redis is away a publish fails at once (and is made
    // up for on reconnect) instead of holding the acknowledgement of a stored message for the
    // seconds ioredis would spend retrying.
    this.publisher = new Redis(url, { lazyConnect: false, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.subscriber = new Redis(url, { lazyConnect: false });
    for (const client of [this.publisher, this.subscriber]) client.on('error', (err) => log.warn({ err }, 'redis connection error'));
    this.publisher.on('ready', () => {
      if (!this.publishMissed) return;
      this.publishMissed = false;
      this.reconnected('publisher');
    });
    this.subscriber.on('ready', () => {
      if (!this.subscriberWasReady) {
        this.subscriberWasReady = true;
        return;
      }
      // 'ready' comes before ioredis resubscribes; a PING is answered after the SUBSCRIBEs, so
      // once it is, every channel is live again and nothing published from then on is missed.
      this.subscriber.ping().then(
        () => this.reconnected('subscriber'),
        (err: unknown) => log.warn({ err }, 'redis resubscribe not confirmed'),
      );
    });
    this.subscriber.on('message', (channel: string, raw: string) => {
      if (channel === STORED) return this.deliverStored(raw);
      const set = this.handlers.get(channel);
      if (!set) return;
      let message: unknown;
      try {
        message = JSON.parse(raw);
      } catch {
        return log.warn({ channel }, 'unreadable bus message');
      }
      for (const handler of set) handler(message);
    });
  }

  async publish(channel: string, message: unknown): Promise<void> {
    try {
      await this.publisher.publish(channel, JSON.stringify(message));
    } catch (error) {
      this.publishMissed = true;
      throw error;
    }
  }

  async publishStored(stored: readonly StoredFor[], chats: readonly ChatStoredFor[] = []): Promise<void> {
    if (stored.length === 0 && chats.length === 0) return;
    // Events are told apart by identity: the one object a group message's entries all share.
    const indexOf = new Map<unknown, number>();
    const events: string[] = [];
    const indexFor = (event: unknown): number => {
      let index = indexOf.get(event);
      if (index === undefined) {
        index = events.push(JSON.stringify(event)) - 1;
        indexOf.set(event, index);
      }
      return index;
    };
    const to: (string | number)[][] = [];
    for (const { userId, entries } of stored) {
      const row: (string | number)[] = [userId];
      for (const { seq, event } of entries) row.push(seq, indexFor(event));
      to.push(row);
    }
    const chatRows: (string | number)[][] = [];
    for (const { chatId, chatNum, entries } of chats) {
      const row: (string | number)[] = [chatId, chatNum];
      for (const { seq, event, windowsChanged } of entries) row.push(seq, indexFor(event), windowsChanged ? 1 : 0);
      chatRows.push(row);
    }
    const chatPart = chatRows.length > 0 ? `,"chats":${JSON.stringify(chatRows)}` : '';
    try {
      await this.publisher.publish(STORED, `{"events":[${events.join(',')}],"to":${JSON.stringify(to)}${chatPart}}`);
    } catch (error) {
      this.publishMissed = true;
      throw error;
    }
  }

  async subscribe(channel: string, onMessage: (message: unknown) => void): Promise<() => Promise<void>> {
    await this.listenForStored();
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      try {
        await this.subscriber.subscribe(channel);
      } catch (error) {
        // Forget the channel, so the next subscribe to it tries again.
        if (this.handlers.get(channel)?.size === 0) this.handlers.delete(channel);
        throw error;
      }
    }
    set.add(onMessage);
    return async () => {
      const current = this.handlers.get(channel);
      if (!current) return;
      current.delete(onMessage);
      if (current.size === 0) {
        this.handlers.delete(channel);
        await this.subscriber.unsubscribe(channel).catch(() => undefined);
      }
    };
  }

  /** Subscribes to STORED once; a failed attempt is tried again by the next subscribe. */
  private listenForStored(): Promise<unknown> {
    this.storedLive ??= this.subscriber.subscribe(STORED).catch((error: unknown) => {
      this.storedLive = null;
      throw error;
    });
    return this.storedLive;
  }

  /** Hands each local subscriber of a recipient's channel their entries from one STORED message. */
  private deliverStored(raw: string): void {
    let wire: StoredWire;
    try {
      wire = JSON.parse(raw) as StoredWire;
    } catch {
      return this.log.warn({ channel: STORED }, 'unreadable bus message');
    }
    // Chats first: a commit stores its chat streams' events before its users' (sync/event-log.ts).
    for (const [chatId, chatNum, ...triples] of wire.chats ?? []) {
      const set = this.handlers.get(channels.chat(chatId));
      if (!set) continue;
      const entries = [];
      for (let i = 0; i < triples.length; i += 3) entries.push({ seq: triples[i]!, event: wire.events[triples[i + 1]!], ...(triples[i + 2] ? { windowsChanged: true } : {}) });
      const message = { kind: 'chat', chatId, chatNum, entries };
      for (const handler of set) handler(message);
    }
    for (const [userId, ...pairs] of wire.to) {
      const set = this.handlers.get(channels.user(userId));
      if (!set) continue;
      const entries = [];
      for (let i = 0; i < pairs.length; i += 2) entries.push({ seq: pairs[i]!, event: wire.events[pairs[i + 1]!] });
      const message = { kind: 'stored', entries };
      for (const handler of set) handler(message);
    }
  }

  onReconnect(listener: () => void): void {
    this.reconnectListeners.add(listener);
  }

  async close(): Promise<void> {
    this.handlers.clear();
    this.reconnectListeners.clear();
    await Promise.allSettled([this.subscriber.quit(), this.publisher.quit()]);
  }

  private reconnected(side: 'publisher' | 'subscriber'): void {
    this.log.info({ event: 'bus.reconnected', side }, 'redis is back; streams catch up from the store');
    for (const listener of this.reconnectListeners) listener();
  }
}
