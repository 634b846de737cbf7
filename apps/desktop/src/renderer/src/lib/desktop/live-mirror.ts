import type { CachedMessage } from '../../../../core/types';
import type { BackendEvent, ChatView, MessageView } from '../backend';
import { Emitter } from '../emitter';
import { isSent, type Call } from './bridge';
import { toChatView, toMessageView } from './convert';
import type { DesktopSends } from './sends';

/** Pages read from the cache at once when re-reading a chat the screens show. */
const READ_PAGE = 200;
/** Newest messages read of a chat the screens do not show (for "new message" events). */
const GLANCE = 50;

/**
 * The core announces change coarsely ("the chat list changed", "chat X's messages changed");
 * the screens consume the server's fine-grained events. This re-reads what changed from the
 * cache and compares it with what the screens were given, emitting message.new / .updated /
 * .deleted and chat.updated — so the screens work the same over the cache as over the server.
 * Re-reads run one at a time, coalescing bursts (a catch-up touches many chats at once).
 */
export class LiveMirror {
  readonly events = new Emitter<BackendEvent>();
  /** Chats the screens have opened: message id → what they were given. */
  private readonly shown = new Map<string, Map<string, MessageView>>();
  /** Each chat as last given to the screens (JSON, to spot real changes). */
  private readonly chats = new Map<string, string>();
  /** Newest seq the screens know of each chat (to tell a new message from an old one). */
  private readonly newestSeq = new Map<string, number>();
  /** Why the server refused a message (the core's 'error' event), by message id. */
  private readonly refusals = new Map<string, string>();
  private readonly dirtyChats = new Set<string>();
  private listDirty = false;
  private queued: Promise<void> | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly call: Call,
    private readonly sends: DesktopSends,
  ) {}

  /** The screens were given this page of a chat (the newest one replaces, older ones add). */
  rememberPage(chatId: string, messages: readonly MessageView[], newest: boolean): void {
    let shown = this.shown.get(chatId);
    if (!shown || newest) {
      const previous = shown;
      shown = new Map();
      // Keep older pages already given, when the newest page is read again.
      if (previous) for (const [id, m] of previous) shown.set(id, m);
      this.shown.set(chatId, shown);
    }
    for (const message of messages) shown.set(message.id, message);
    const top = messages.at(-1)?.seq;
    if (top !== undefined) this.newestSeq.set(chatId, Math.max(top, this.newestSeq.get(chatId) ?? 0));
  }

  rememberChats(chats: readonly ChatView[]): void {
    for (const chat of chats) this.rememberChat(chat);
  }

  rememberChat(chat: ChatView): void {
    this.chats.set(chat.id, JSON.stringify(chat));
    this.newestSeq.set(chat.id, Math.max(chat.lastSeq, this.newestSeq.get(chat.id) ?? 0));
  }

  /** The message as the screens were last given it, wherever it is. */
  find(messageId: string): MessageView | null {
    for (const shown of this.shown.values()) {
      const message = shown.get(messageId);
      if (message) return message;
    }
    return null;
  }

  refused(messageId: string, reason: string): void {
    this.refusals.set(messageId, reason);
  }

  chatsChanged(): Promise<void> {
    this.listDirty = true;
    return this.schedule();
  }

  messagesChanged(chatId: string): Promise<void> {
    this.dirtyChats.add(chatId);
    return this.schedule();
  }

  clear(): void {
    this.shown.clear();
    this.chats.clear();
    this.newestSeq.clear();
    this.refusals.clear();
    this.dirtyChats.clear();
    this.listDirty = false;
  }

  /** One re-read after the one running now; everything marked dirty until it starts joins it. */
  private schedule(): Promise<void> {
    this.queued ??= this.running.then(() => {
      this.queued = null;
      return this.refresh().catch((error: unknown) => console.error('re-reading the cache failed', error));
    });
    this.running = this.queued;
    return this.queued;
  }

  private async refresh(): Promise<void> {
    const chatIds = new Set([...this.dirtyChats, ...this.sends.waitingChats()]);
    const list = this.listDirty;
    this.dirtyChats.clear();
    this.listDirty = false;
    // Message events first: the screens count and announce a new message by comparing its seq
    // with the chat's, so the chat's new numbers (chat.updated) must come after.
    for (const chatId of chatIds) await this.refreshMessages(chatId);
    if (list) await this.refreshChats();
  }

  private async refreshChats(): Promise<void> {
    for (const item of await this.call('listChats', { includeHidden: true })) {
      const chat = toChatView(item);
      const json = JSON.stringify(chat);
      if (this.chats.get(chat.id) === json) continue;
      this.rememberChat(chat);
      this.events.emit({ type: 'chat.updated', chat });
    }
  }

  private async refreshMessages(chatId: string): Promise<void> {
    const shown = this.shown.get(chatId);
    const cached = shown ? await this.readShownRange(chatId, shown) : (await this.call('readMessages', { chatId, limit: GLANCE })).messages;
    this.settleSends(cached);
    const current = new Map<string, MessageView>();
    for (const message of cached) {
      if (!isSent(message)) continue;
      current.set(message.id, toMessageView(message, this.sends.screenIdOf(message.clientId)));
    }
    const known = this.newestSeq.get(chatId);
    if (!shown) {
      // A chat not on screen: only genuinely new messages matter (counts, announcements).
      if (known !== undefined) for (const message of current.values()) if (message.seq > known) this.events.emit({ type: 'message.new', message });
      this.noteNewest(chatId, current);
      return;
    }
    const oldest = Math.min(...[...current.values()].map((m) => m.seq));
    for (const [id, before] of shown) {
      // Gone from the cache (deleted for me, disappeared): gone from the screen.
      if (!current.has(id) && before.seq >= oldest) {
        shown.delete(id);
        this.events.emit({ type: 'message.deleted', chatId, messageId: id, seq: before.seq, forEveryone: false });
      }
    }
    for (const message of [...current.values()].sort((a, b) => a.seq - b.seq)) {
      const before = shown.get(message.id);
      shown.set(message.id, message);
      if (!before) this.events.emit({ type: 'message.new', message });
      else if (JSON.stringify(before) !== JSON.stringify(message)) this.events.emit({ type: 'message.updated', message });
    }
    this.noteNewest(chatId, current);
  }

  private noteNewest(chatId: string, current: Map<string, MessageView>): void {
    const top = Math.max(0, ...[...current.values()].map((m) => m.seq));
    if (top > 0) this.newestSeq.set(chatId, Math.max(top, this.newestSeq.get(chatId) ?? 0));
  }

  /** From the newest message back to the oldest one the screens were given. */
  private async readShownRange(chatId: string, shown: Map<string, MessageView>): Promise<CachedMessage[]> {
    const floor = Math.min(...[...shown.values()].map((m) => m.seq));
    let page = await this.call('readMessages', { chatId, limit: READ_PAGE });
    const messages = [...page.messages];
    for (let guard = 0; guard < 100; guard++) {
      const lowest = page.messages.find(isSent)?.seq;
      if (!page.hasMoreOlder || lowest === undefined || lowest <= floor) break;
      page = await this.call('readMessages', { chatId, beforeSeq: lowest, limit: READ_PAGE });
      messages.unshift(...page.messages);
    }
    return messages;
  }

  /** Sends the screens wait for: settled once the server has them, or has refused them. */
  private settleSends(messages: readonly CachedMessage[]): void {
    for (const message of messages) {
      if (!this.sends.isWaiting(message.clientId)) continue;
      if (isSent(message)) this.sends.delivered(message.clientId, toMessageView(message, this.sends.screenIdOf(message.clientId)));
      else if (message.status === 'failed') this.sends.refused(message.clientId, this.refusals.get(message.id) ?? null);
    }
  }
}
