import * as writes from '../actions/local-writes.js';
import { toCachedMessage } from '../cache/message-row.js';
import type { CoreRuntime } from '../runtime.js';
import type { CachedMessage } from '../types.js';
import type { SyncFeature } from './sync.js';

export interface SendOptions {
  replyToId?: string | null;
  /** Ids of group members named with @ (notified even when they muted the group). */
  mentions?: readonly string[];
  /** The sender's own id for the message (the screens' clientId); made up when absent. */
  clientId?: string;
}

/**
 * Messages written on this device: shown at once as pending, kept in the outbox across
 * restarts, and delivered in order, once, whenever the server is reachable.
 */
export class OutboxFeature {
  constructor(
    private readonly rt: CoreRuntime,
    private readonly sync: SyncFeature,
  ) {}

  /**
   * Queues a message. The same clientId again is the same message: still pending, nothing
   * changes; refused, it is retried.
   */
  send(chatId: string, text: string, options: SendOptions = {}): CachedMessage {
    const { rt } = this;
    const me = rt.cache.me();
    const earlier = options.clientId && me ? rt.cache.messages.byClientId(chatId, me, options.clientId) : undefined;
    if (earlier?.status === 'failed') this.retry(earlier.id);
    const row = earlier ?? rt.write((ctx) => writes.composeMessage(ctx, chatId, text, options.replyToId ?? null, options.mentions ?? [], options.clientId));
    this.sync.flushOutbox();
    return toCachedMessage(rt.cache.messages.byId(row.id) ?? row, me);
  }

  /** A refused message goes back to the end of the queue. */
  retry(messageId: string): void {
    this.rt.write((ctx) => writes.retrySend(ctx, messageId));
    this.sync.flushOutbox();
  }

  /** Gives up a refused message: it leaves the outbox and the chat. */
  discard(messageId: string): void {
    this.rt.write((ctx) => writes.discardFailed(ctx, messageId));
  }

  /** My messages in this chat that the server does not have: pending or refused. */
  unsent(chatId: string): CachedMessage[] {
    const me = this.rt.cache.me();
    return this.rt.cache.messages.unsent(chatId).map((row) => toCachedMessage(row, me));
  }

  size(): number {
    return this.rt.cache.outbox.size();
  }
}
