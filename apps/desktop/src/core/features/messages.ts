import * as historyActions from '../actions/history.js';
import * as writes from '../actions/local-writes.js';
import { toCachedMessage } from '../cache/message-row.js';
import { storeHistoryPage, storeMessage } from '../cache/store.js';
import type { CoreRuntime } from '../runtime.js';
import type { CachedMessage, MessagesPage } from '../types.js';
import type { ChatsFeature } from './chats.js';
import type { SyncFeature } from './sync.js';

/**
 * A chat's messages: pages from the cache at once, refreshed from the server in the background,
 * and changes to messages already sent (edit, delete, react) applied here first and carried to
 * the server by the outbox.
 */
export class MessagesFeature {
  constructor(
    private readonly rt: CoreRuntime,
    private readonly sync: SyncFeature,
    private readonly chats: ChatsFeature,
  ) {}

  /**
   * The chat's newest page from the cache now; the server's newest page is then fetched in the
   * background, and what it changes reaches the page as events.
   */
  openChat(chatId: string): MessagesPage {
    const page = this.read(chatId, {});
    if (this.rt.online()) {
      void this.rt.http.messages.history
        .query({ chatId, limit: historyActions.PAGE_SIZE })
        .then((fresh) => this.rt.write((ctx) => storeHistoryPage(ctx, chatId, fresh, null)))
        .catch((error: unknown) => this.rt.log(`refreshing chat ${chatId} failed`, error));
      if (this.rt.cache.chats.get(chatId)?.placeholder) void this.chats.fetch([chatId]);
    }
    return page;
  }

  byId(messageId: string): CachedMessage | null {
    const row = this.rt.cache.messages.byId(messageId);
    return row ? toCachedMessage(row, this.rt.cache.me()) : null;
  }

  /** Cache only. */
  read(chatId: string, options: historyActions.ReadOptions = {}): MessagesPage {
    return historyActions.readMessages(this.rt.cache, this.rt.cache.me(), chatId, options, this.rt.now());
  }

  /** The page before `beforeSeq`: from the cache when it has it all, else from the server. */
  async loadOlder(chatId: string, beforeSeq: number, limit = historyActions.PAGE_SIZE): Promise<MessagesPage> {
    const { rt } = this;
    const cached = this.read(chatId, { beforeSeq, limit });
    const chat = rt.cache.chats.get(chatId);
    if (!chat || cached.messages.length === limit || chat.complete_from_seq === 0 || !rt.online()) return cached;
    try {
      const page = await rt.http.messages.history.query({ chatId, beforeSeq, limit });
      rt.write((ctx) => storeHistoryPage(ctx, chatId, page, beforeSeq));
      const from = page.hasMore ? (page.messages[0]?.seq ?? beforeSeq) : 0;
      return this.read(chatId, { beforeSeq, from, limit });
    } catch (error) {
      rt.log(`loading older messages of ${chatId} failed`, error);
      return cached;
    }
  }

  edit(messageId: string, text: string): void {
    this.rt.write((ctx) => writes.editMessage(ctx, messageId, text, this.inFlight()));
    this.sync.flushOutbox();
  }

  delete(messageId: string, forEveryone: boolean): void {
    this.rt.write((ctx) => writes.deleteMessage(ctx, messageId, forEveryone, this.inFlight()));
    this.sync.flushOutbox();
  }

  /** An emoji (null takes mine back) or `{emoticonId}`, one of my custom emoticons. */
  react(messageId: string, choice: writes.ReactionChoice): void {
    this.rt.write((ctx) => writes.reactToMessage(ctx, messageId, choice));
    this.sync.flushOutbox();
  }

  /** An optimistic edit, reaction or deletion the server refused: take the server's version back. */
  async restore(chatId: string, messageId: string): Promise<void> {
    const { rt } = this;
    const seq = rt.cache.messages.byId(messageId)?.seq;
    if (seq === null || seq === undefined || !rt.online()) return;
    try {
      const page = await rt.http.messages.history.query({ chatId, afterSeq: seq - 1, limit: 1 });
      const fresh = page.messages.find((m) => m.id === messageId);
      if (fresh) {
        rt.write((ctx) => {
          storeMessage(ctx, fresh, { authoritative: true });
          ctx.changes.events.push({ type: 'message.updated', message: fresh });
        });
      }
    } catch (error) {
      rt.log(`restoring message ${messageId} failed`, error);
    }
  }

  private inFlight(): string | null {
    return this.rt.engine?.outbox.inFlight ?? null;
  }
}
