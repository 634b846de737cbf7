import { EventEmitter } from 'node:events';
import type { BusMessage } from '../sync/event-types.js';
import { channels, type ChatStoredFor, type EventBus, type StoredFor } from './event-bus.js';

/** The bus for a single server process. */
export class InProcessBus implements EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(channel: string, message: unknown): Promise<void> {
    this.emitter.emit(channel, message);
  }

  async publishStored(stored: readonly StoredFor[], chats: readonly ChatStoredFor[] = []): Promise<void> {
    // Chats first: a commit stores its chat streams' events before its users' (sync/event-log.ts).
    for (const { chatId, chatNum, entries } of chats) this.emitter.emit(channels.chat(chatId), { kind: 'chat', chatId, chatNum, entries } satisfies BusMessage);
    for (const { userId, entries } of stored) this.emitter.emit(channels.user(userId), { kind: 'stored', entries } satisfies BusMessage);
  }

  async subscribe(channel: string, onMessage: (message: unknown) => void): Promise<() => Promise<void>> {
    this.emitter.on(channel, onMessage);
    return async () => {
      this.emitter.off(channel, onMessage);
    };
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
