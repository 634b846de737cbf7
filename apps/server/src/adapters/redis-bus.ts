import type { EventBus } from '@confab/api';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

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

  async subscribe(channel: string, onMessage: (message: unknown) => void): Promise<() => Promise<void>> {
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
