import type { Backend, BackendEvent, ChatView, MediaKind, MessageView, UserView } from '../lib/backend';
import { ClientError, errorText } from '../../../shared/errors';
import { Emitter } from '../lib/emitter';
import { lookupByPhone } from '../lib/people';
import { Store } from '../lib/store';
import type { InputOf } from '../../../shared/procedures';
import { applyEvent, initialState, mergeMessages, type MessengerState } from '../features/chats/state';
import type { ReactionEmoticon } from '../../../shared/reactions';

const PAGE = 50;
/** Typing notices are re-sent at most this often while someone keeps typing. */
const TYPING_EVERY_MS = 3_000;

export interface Announcement {
  text: string;
}

/**
 * The signed-in app's logic between the Backend and the screens: it loads chats and pages of
 * messages into the store, applies the live event stream, sends optimistically and marks what
 * the user has seen as read. Screens read the store and call these methods.
 */
export class Messenger {
  readonly store = new Store<MessengerState>(initialState);
  /** Lines for the screen reader's live region ("New message from Ana"). */
  readonly announcements = new Emitter<Announcement>();
  private readonly stops: (() => void)[] = [];
  private lastTypingSent = new Map<string, number>();
  private fetchingChats = new Set<string>();
  private deliveredUpTo = new Map<string, number>();

  constructor(readonly backend: Backend) {}

  start(me: UserView): void {
    this.store.set(() => ({ ...initialState, me, connection: this.backend.connection.get() }));
    this.stops.push(
      this.backend.onEvent((event) => this.onEvent(event)),
      this.backend.connection.subscribe((connection) => {
        const wasOnline = this.store.get().connection === 'online';
        this.store.set((s) => ({ ...s, connection }));
        // Back after a gap: the replayed stream fills the open chat; the list is re-read so
        // chats that arrived meanwhile show up with their counts.
        if (connection === 'online' && !wasOnline && this.store.get().chatsLoaded) void this.loadChats();
      }),
    );
    const onVisible = () => this.markActiveRead();
    window.addEventListener('focus', onVisible);
    document.addEventListener('visibilitychange', onVisible);
    this.stops.push(() => {
      window.removeEventListener('focus', onVisible);
      document.removeEventListener('visibilitychange', onVisible);
    });
    void this.loadChats();
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
    this.store.set(() => initialState);
  }

  // ── chats ──────────────────────────────────────────────────────────────

  async loadChats(): Promise<void> {
    try {
      const list: ChatView[] = [];
      let cursor: number | undefined;
      do {
        const page = await this.backend.call('chats.list', cursor === undefined ? {} : { cursor });
        list.push(...page.chats);
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      this.store.set((s) => {
        const chats: Record<string, ChatView> = {};
        for (const chat of list) chats[chat.id] = chat;
        return { ...s, chats, chatsLoaded: true, chatsError: null };
      });
      // The list brought each chat's newest message to this device.
      for (const chat of list) if (chat.lastMessage && chat.lastMessage.senderId !== this.store.get().me?.id && chat.lastSeq > chat.lastReadSeq) this.delivered(chat.id, chat.lastSeq);
    } catch (error) {
      this.store.set((s) => ({ ...s, chatsLoaded: true, chatsError: messageOf(error) }));
    }
  }

  /** The device rebuilt its cache from the server: the list and the open chats are read again. */
  private reload(): void {
    const open = Object.keys(this.store.get().conversations);
    this.store.set((s) => ({ ...s, conversations: {} }));
    void this.loadChats();
    for (const chatId of open) void this.loadNewest(chatId);
  }

  /** Pin or archive a chat for me; the list moves at once with the server's answer. */
  async setChatPlace(chatId: string, change: { pinned: boolean } | { archived: boolean }): Promise<void> {
    const chat = 'pinned' in change ? await this.backend.call('chats.pin', { chatId, pinned: change.pinned }) : await this.backend.call('chats.archive', { chatId, archived: change.archived });
    this.upsertChat(chat);
  }

  /** My personal labels on a chat (the list's chips filter by them). */
  async setChatLabels(chatId: string, labels: string[]): Promise<void> {
    this.upsertChat(await this.backend.call('chats.setLabels', { chatId, labels }));
  }

  private upsertChat(chat: ChatView): void {
    this.store.set((s) => ({ ...s, chats: { ...s.chats, [chat.id]: chat } }));
  }

  openChat(chatId: string | null): void {
    // Unread messages waiting: the chat opens at the first of them, under an "N unread" line.
    const chat = chatId ? this.store.get().chats[chatId] : undefined;
    const unread = chat && chat.unreadCount > 0 && chatId !== this.store.get().activeChatId ? { chatId: chat.id, afterSeq: chat.lastReadSeq, count: chat.unreadCount } : null;
    this.store.set((s) => ({ ...s, activeChatId: chatId, unreadMarker: unread ?? (s.unreadMarker?.chatId === chatId ? s.unreadMarker : null) }));
    void this.backend.call('shell.setOpenChat', { chatId }).catch(() => undefined);
    if (!chatId) return;
    const loaded = this.store.get().conversations[chatId] ? Promise.resolve() : this.loadNewest(chatId);
    if (unread) void loaded.then(() => this.loadBackTo(chatId, unread.afterSeq + 1));
    this.markActiveRead();
  }

  async startChatByPhone(phone: string): Promise<ChatView> {
    const user = await lookupByPhone(this.backend, phone);
    if (!user) throw new ClientError('NOT_FOUND', 'No one with this number uses Confab yet.');
    return this.startChatWith(user);
  }

  async startChatByQr(token: string): Promise<ChatView> {
    return this.startChatWith(await this.backend.call('users.byQr', { token }));
  }

  /** Opens (creating if need be) the 1:1 chat with someone already found: a contact, a search result. */
  async startChatWith(user: UserView): Promise<ChatView> {
    if (user.id === this.store.get().me?.id) throw new ClientError('BAD_REQUEST', 'That is your own number. Pick someone else.');
    const chat = await this.backend.call('chats.openDirect', { userId: user.id });
    this.upsertChat(chat);
    this.openChat(chat.id);
    return chat;
  }

  /** A stranger's first message becomes a normal chat: they now get my receipts and presence. */
  async acceptMessageRequest(chatId: string): Promise<void> {
    this.upsertChat(await this.backend.call('contacts.acceptMessageRequest', { chatId }));
  }

  /** Signal's "Delete" (and "Block"): the request's messages go for me and the chat closes. */
  async deleteMessageRequest(chatId: string, block: boolean): Promise<void> {
    const chat = await this.backend.call('contacts.deleteMessageRequest', { chatId, block });
    this.upsertChat(chat);
    this.store.set((s) => ({ ...s, conversations: { ...s.conversations, [chatId]: { messages: [], hasMore: false, loading: false, error: null } } }));
    if (this.store.get().activeChatId === chatId) this.openChat(null);
  }

  // ── messages ───────────────────────────────────────────────────────────

  private async loadNewest(chatId: string): Promise<void> {
    this.store.set((s) => ({ ...s, conversations: { ...s.conversations, [chatId]: { messages: [], hasMore: false, loading: true, error: null } } }));
    try {
      const page = await this.backend.call('messages.history', { chatId, limit: PAGE });
      this.store.set((s) => {
        const current = s.conversations[chatId];
        // Live events may have arrived while the page loaded; keep them.
        const messages = mergeMessages(page.messages, current?.messages ?? []);
        return { ...s, conversations: { ...s.conversations, [chatId]: { messages, hasMore: page.hasMore, loading: false, error: null } } };
      });
      this.markActiveRead();
      await this.showUnsent(chatId);
    } catch (error) {
      this.store.set((s) => ({ ...s, conversations: { ...s.conversations, [chatId]: { messages: [], hasMore: false, loading: false, error: messageOf(error) } } }));
    }
  }

  /** Messages still waiting from before this window (an app restart offline): drawn as pending. */
  private async showUnsent(chatId: string): Promise<void> {
    const unsent = await this.backend.call('outbox.unsent', { chatId }).catch(() => []);
    if (unsent.length === 0) return;
    this.store.set((s) => {
      const known = new Set([...s.pending.map((p) => p.clientId), ...(s.conversations[chatId]?.messages ?? []).map((m) => m.clientId)]);
      const adopted = unsent
        .filter((u) => !known.has(u.clientId))
        .map(({ failed, ...u }) => ({ ...u, error: failed ? 'the server refused it' : null }));
      return adopted.length ? { ...s, pending: [...s.pending, ...adopted] } : s;
    });
  }

  /** The next older page; resolves with how many messages were added. */
  async loadOlder(chatId: string, limit = PAGE): Promise<number> {
    const conversation = this.store.get().conversations[chatId];
    if (!conversation || conversation.loading || !conversation.hasMore) return 0;
    const oldest = conversation.messages[0];
    if (!oldest) return 0;
    this.store.set((s) => ({ ...s, conversations: { ...s.conversations, [chatId]: { ...s.conversations[chatId]!, loading: true } } }));
    try {
      const page = await this.backend.call('messages.history', { chatId, beforeSeq: oldest.seq, limit });
      this.store.set((s) => {
        const c = s.conversations[chatId]!;
        return { ...s, conversations: { ...s.conversations, [chatId]: { ...c, messages: mergeMessages(c.messages, page.messages), hasMore: page.hasMore, loading: false } } };
      });
      return page.messages.length;
    } catch (error) {
      this.store.set((s) => ({ ...s, conversations: { ...s.conversations, [chatId]: { ...s.conversations[chatId]!, loading: false, error: messageOf(error) } } }));
      return 0;
    }
  }

  /** Opens the chat, loads back until the message is there, and asks the list to show it. */
  async jumpTo(chatId: string, messageId: string, seq: number): Promise<void> {
    this.openChat(chatId);
    await this.loadBackTo(chatId, seq, messageId);
    this.store.set((s) => ({ ...s, highlight: { chatId, messageId, nonce: (s.highlight?.nonce ?? 0) + 1 } }));
  }

  /** Loads older pages until the message with this seq (or this id) is loaded, or history ends. */
  private async loadBackTo(chatId: string, seq: number, messageId?: string): Promise<void> {
    for (let guard = 0; guard < 100; guard++) {
      const c = this.store.get().conversations[chatId];
      if (c && !c.loading) {
        if (messageId && c.messages.some((m) => m.id === messageId)) break;
        const oldest = c.messages[0]?.seq ?? 0;
        if (!c.hasMore || (oldest && oldest <= seq)) break;
        // Pages as big as the server allows, straight down to the message.
        if ((await this.loadOlder(chatId, Math.min(200, Math.max(PAGE, oldest - seq + 10)))) === 0) break;
        continue;
      }
      await new Promise<void>((resolve) => {
        const stop = this.store.subscribe(() => {
          stop();
          resolve();
        });
      });
    }
  }

  async send(chatId: string, text: string, replyToId: string | null, mentions: string[] = []): Promise<void> {
    const clientId = crypto.randomUUID();
    const pending = { clientId, chatId, text, replyToId, createdAt: new Date().toISOString(), error: null, ...(mentions.length ? { mentions } : {}) };
    this.store.set((s) => ({ ...s, pending: [...s.pending, pending] }));
    await this.deliver(pending.clientId);
  }

  /** Sends an uploaded file as a message; shown once the server has it (no pending row). */
  async sendMedia(chatId: string, kind: MediaKind, mediaId: string, caption: string, replyToId: string | null): Promise<void> {
    const message = await this.backend.call('messages.send', { chatId, clientId: crypto.randomUUID(), kind, mediaId, ...(caption ? { text: caption } : {}), ...(replyToId ? { replyToId } : {}) });
    this.onEvent({ type: 'message.new', message });
  }

  /** Sends a message the server composes (a contact card, a link with its preview, a sticker) and shows it at once. */
  async sendComposed(input: Omit<InputOf<'messages.send'>, 'clientId'>): Promise<void> {
    const message = await this.backend.call('messages.send', { ...input, clientId: crypto.randomUUID() });
    this.onEvent({ type: 'message.new', message });
  }

  /** Shares a location (live when `liveForSeconds` is given) and shows its card at once. */
  async shareLocation(input: Omit<InputOf<'location.share'>, 'clientId'>): Promise<string | null> {
    const { shareId, message } = await this.backend.call('location.share', { ...input, clientId: crypto.randomUUID() });
    this.onEvent({ type: 'message.new', message });
    return shareId;
  }

  /** Sends (or re-sends, with the same clientId, so the server never stores it twice). */
  async deliver(clientId: string): Promise<void> {
    const pending = this.store.get().pending.find((p) => p.clientId === clientId);
    if (!pending) return;
    this.setPendingError(clientId, null);
    try {
      // Sent at once (web), or queued until the server is reachable (desktop): then it arrives
      // as message.new with this clientId, which takes the pending row away.
      const message = await this.backend.call('outbox.send', { chatId: pending.chatId, clientId, text: pending.text, ...(pending.replyToId ? { replyToId: pending.replyToId } : {}), ...(pending.mentions ? { mentions: pending.mentions } : {}) });
      if (message) this.onEvent({ type: 'message.new', message });
    } catch (error) {
      this.setPendingError(clientId, messageOf(error));
    }
  }

  discardPending(clientId: string): void {
    const pending = this.store.get().pending.find((p) => p.clientId === clientId);
    this.store.set((s) => ({ ...s, pending: s.pending.filter((p) => p.clientId !== clientId) }));
    // The desktop core keeps refused messages until told: it must not show this one again.
    if (pending) void this.backend.call('outbox.discard', { chatId: pending.chatId, clientId }).catch(() => undefined);
  }

  private setPendingError(clientId: string, error: string | null): void {
    this.store.set((s) => ({ ...s, pending: s.pending.map((p) => (p.clientId === clientId ? { ...p, error } : p)) }));
  }

  async edit(message: MessageView, text: string): Promise<void> {
    const updated = await this.backend.call('messages.edit', { messageId: message.id, text });
    this.onEvent({ type: 'message.updated', message: updated });
  }

  async delete(message: MessageView, forEveryone: boolean): Promise<void> {
    await this.backend.call('messages.delete', { messageId: message.id, forEveryone });
    this.onEvent({ type: 'message.deleted', chatId: message.chatId, messageId: message.id, seq: message.seq, forEveryone });
  }

  /** An emoji (null takes mine back), or one of my custom emoticons: shown at once, taken back if refused. */
  async react(message: MessageView, choice: string | null | ReactionEmoticon): Promise<void> {
    const me = this.store.get().me?.id;
    if (!me) return;
    const before = message.reactions;
    const emoticon = choice !== null && typeof choice === 'object' ? choice : undefined;
    const emoji = emoticon ? `:${emoticon.shortcut}:` : (choice as string | null);
    this.onEvent({ type: 'reaction', chatId: message.chatId, messageId: message.id, userId: me, emoji, ...(emoticon ? { emoticon } : {}) });
    try {
      await this.backend.call('messages.react', emoticon ? { messageId: message.id, emoticonId: emoticon.emoticonId } : { messageId: message.id, emoji });
    } catch (error) {
      const previous = before.find((r) => r.userId === me);
      this.onEvent({ type: 'reaction', chatId: message.chatId, messageId: message.id, userId: me, emoji: previous?.emoji ?? null, ...(previous?.emoticon ? { emoticon: previous.emoticon } : {}) });
      throw error;
    }
  }

  typing(chatId: string): void {
    const now = Date.now();
    if (now - (this.lastTypingSent.get(chatId) ?? 0) < TYPING_EVERY_MS) return;
    this.lastTypingSent.set(chatId, now);
    void this.backend.call('chats.typing', { chatId }).catch(() => undefined);
  }

  /** Marks the open chat read up to its newest message, when the user can actually see it. */
  markActiveRead(): void {
    const s = this.store.get();
    const chat = s.activeChatId ? s.chats[s.activeChatId] : undefined;
    if (!chat || !this.activeChatVisible()) return;
    if (chat.lastSeq <= chat.lastReadSeq && chat.unreadCount === 0) return;
    const seq = chat.lastSeq;
    this.store.set((st) => {
      const c = st.chats[chat.id];
      return c ? { ...st, chats: { ...st.chats, [chat.id]: { ...c, lastReadSeq: Math.max(c.lastReadSeq, seq), unreadCount: 0 } } } : st;
    });
    void this.backend.call('chats.markRead', { chatId: chat.id, seq }).catch(() => undefined);
  }

  private activeChatVisible(): boolean {
    return document.visibilityState === 'visible' && document.hasFocus();
  }

  // ── the event stream ───────────────────────────────────────────────────

  private onEvent(event: BackendEvent): void {
    switch (event.type) {
      case 'shell.openChat':
        return this.openChat(event.chatId);
      case 'shell.resynced':
        return this.reload();
      case 'outbox.refused':
        return this.setPendingError(event.clientId, event.reason);
      case 'outbox.failed':
        return this.announcements.emit({ text: `Not done: ${event.reason}` });
      default:
    }
    const before = this.store.get();
    this.store.set((s) => applyEvent(s, event, { activeChatVisible: this.activeChatVisible(), now: Date.now() }));
    if (event.type === 'message.new') {
      const { message } = event;
      const chat = this.store.get().chats[message.chatId];
      if (!chat) void this.fetchChat(message.chatId);
      const isNew = !before.chats[message.chatId] || message.seq > before.chats[message.chatId]!.lastSeq;
      if (isNew && message.senderId !== before.me?.id) {
        this.announce(message, chat);
        this.delivered(message.chatId, message.seq);
      }
      if (message.chatId === this.store.get().activeChatId) this.markActiveRead();
    }
    if (event.type === 'member.joined' || event.type === 'member.left') void this.fetchChat(event.chatId);
  }

  /** Tells the sender their message arrived (at most one call per chat in flight). */
  private delivered(chatId: string, seq: number): void {
    if (seq <= (this.deliveredUpTo.get(chatId) ?? 0)) return;
    this.deliveredUpTo.set(chatId, seq);
    void this.backend.call('chats.markDelivered', { chatId, seq }).catch(() => undefined);
  }

  private async fetchChat(chatId: string): Promise<void> {
    if (this.fetchingChats.has(chatId)) return;
    this.fetchingChats.add(chatId);
    try {
      this.upsertChat(await this.backend.call('chats.get', { chatId }));
    } catch {
      // Not visible to us (left, removed): nothing to show.
    } finally {
      this.fetchingChats.delete(chatId);
    }
  }

  private announce(message: MessageView, chat: ChatView | undefined): void {
    const from = chat?.kind === 'direct' ? chat.title : 'someone';
    const preview = message.text ? `: ${message.text.slice(0, 140)}` : '';
    const where = chat?.kind === 'group' ? ` in ${chat.title}` : '';
    this.announcements.emit({ text: `New message from ${from}${where}${preview}` });
  }
}

export function messageOf(error: unknown): string {
  return errorText(error);
}
