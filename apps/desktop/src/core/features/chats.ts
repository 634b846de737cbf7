import type { ChatView } from '@confab/api';
import * as writes from '../actions/local-writes.js';
import { chatItem } from '../cache/read-model.js';
import { storeChat } from '../cache/store.js';
import type { CoreRuntime } from '../runtime.js';
import { errorCode, messageOf } from '../sync/errors.js';
import type { ChatItem } from '../types.js';
import type { SyncFeature } from './sync.js';

/** The chat list from the cache; chats the cache does not know yet are fetched when online. */
export class ChatsFeature {
  private readonly fetching = new Set<string>();

  constructor(
    private readonly rt: CoreRuntime,
    private readonly sync: SyncFeature,
  ) {}

  list(options: { includeHidden?: boolean } = {}): ChatItem[] {
    const { cache } = this.rt;
    const me = cache.me();
    return cache.chats.list(options.includeHidden ?? false).map((row) => chatItem(cache, row, me, this.rt.now()));
  }

  get(chatId: string): ChatItem | null {
    const row = this.rt.cache.chats.get(chatId);
    return row ? chatItem(this.rt.cache, row, this.rt.cache.me(), this.rt.now()) : null;
  }

  /** Starts (or finds) the 1:1 chat with a user. Needs the server. */
  async openDirect(userId: string): Promise<ChatItem> {
    const view = await this.rt.http.chats.openDirect.mutate({ userId });
    this.store(view);
    return this.get(view.id)!;
  }

  /** Marks the chat read up to `seq` (default: its newest message); the outbox tells the server. */
  markRead(chatId: string, seq?: number): void {
    if (this.rt.write((ctx) => writes.markChatRead(ctx, chatId, seq))) this.sync.flushOutbox();
  }

  /** "Typing…" for the others in the chat; dropped when offline (it means nothing later). */
  async typing(chatId: string): Promise<void> {
    if (this.rt.online()) await this.rt.http.chats.typing.mutate({ chatId }).catch(() => undefined);
  }

  /** Chats an event named before the cache knew them (placeholders), once online. */
  fetchPlaceholders(): void {
    void this.fetch(this.rt.cache.chats.placeholders());
  }

  async fetch(chatIds: readonly string[]): Promise<void> {
    for (const chatId of chatIds) {
      if (this.fetching.has(chatId)) continue;
      this.fetching.add(chatId);
      try {
        this.store(await this.rt.http.chats.get.query({ chatId }));
      } catch (error) {
        if (errorCode(error) !== null) this.rt.log(`chat ${chatId} could not be loaded: ${messageOf(error)}`);
      } finally {
        this.fetching.delete(chatId);
      }
    }
  }

  /** A chat the server described: stored, and the page told. */
  private store(view: ChatView): void {
    this.rt.write((ctx) => {
      storeChat(ctx, view);
      ctx.changes.events.push({ type: 'chat.updated', chat: view });
    });
  }
}
