import { BackendError, type Backend, type BackendEvent, type ChatView, type MediaKind, type MessageView, type UserView } from '../lib/backend';
import { Emitter } from '../lib/emitter';
import { Store } from '../lib/store';
import { applyEvent, initialState, mergeMessages, type MessengerState } from '../features/chats/state';

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
    if (this.backend.onOpenChat) this.stops.push(this.backend.onOpenChat((chatId) => this.openChat(chatId)));
    void this.loadChats();
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
    this.store.set(() => initialState);
  }

  // ── chats ──────────────────────────────────────────────────────────────

  async loadChats(): Promise<void> {
    try {
      const list = await this.backend.chats.list();
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

  private upsertChat(chat: ChatView): void {
    this.store.set((s) => ({ ...s, chats: { ...s.chats, [chat.id]: chat } }));
  }

  openChat(chatId: string | null): void {
    this.store.set((s) => ({ ...s, activeChatId: chatId }));
    this.backend.setOpenChat?.(chatId);
    if (!chatId) return;
    if (!this.store.get().conversations[chatId]) void this.loadNewest(chatId);
    this.markActiveRead();
  }

  async startChatByPhone(phone: string): Promise<ChatView> {
    const user = await this.backend.users.lookupPhone(phone);
    if (!user) throw new BackendError('NOT_FOUND', 'No one with this number uses Confab yet.');
    return this.startChatWith(user);
  }

  async startChatByQr(token: string): Promise<ChatView> {
    return this.startChatWith(await this.backend.users.byQr(token));
  }

  private async startChatWith(user: UserView): Promise<ChatView> {
    if (user.id === this.store.get().me?.id) throw new BackendError('BAD_REQUEST', 'That is your own number. Pick someone else.');
    const chat = await this.backend.chats.openDirect(user.id);
    this.upsertChat(chat);
    this.openChat(chat.id);
    return chat;
  }

  // ── messages ───────────────────────────────────────────────────────────

  private async loadNewest(chatId: string): Promise<void> {
    this.store.set((s) => ({ ...s, conversations: { ...s.conversations, [chatId]: { messages: [], hasMore: false, loading: true, error: null } } }));
    try {
      const page = await this.backend.messages.history({ chatId, limit: PAGE });
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
    const unsent = (await this.backend.messages.unsent?.(chatId).catch(() => [])) ?? [];
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
      const page = await this.backend.messages.history({ chatId, beforeSeq: oldest.seq, limit });
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
    for (let guard = 0; guard < 100; guard++) {
      const c = this.store.get().conversations[chatId];
      if (c && !c.loading) {
        if (c.messages.some((m) => m.id === messageId)) break;
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
    this.store.set((s) => ({ ...s, highlight: { chatId, messageId, nonce: (s.highlight?.nonce ?? 0) + 1 } }));
  }

  async send(chatId: string, text: string, replyToId: string | null, mentions: string[] = []): Promise<void> {
    const clientId = crypto.randomUUID();
    const pending = { clientId, chatId, text, replyToId, createdAt: new Date().toISOString(), error: null, ...(mentions.length ? { mentions } : {}) };
    this.store.set((s) => ({ ...s, pending: [...s.pending, pending] }));
    await this.deliver(pending.clientId);
  }

  /** Sends an uploaded file as a message; shown once the server has it (no pending row). */
  async sendMedia(chatId: string, kind: MediaKind, mediaId: string, caption: string, replyToId: string | null): Promise<void> {
    if (!this.backend.messages.sendMedia) throw new Error('Sending files is not available here.');
    const message = await this.backend.messages.sendMedia({ chatId, clientId: crypto.randomUUID(), kind, mediaId, ...(caption ? { text: caption } : {}), ...(replyToId ? { replyToId } : {}) });
    this.onEvent({ type: 'message.new', message });
  }

  /** Sends (or re-sends, with the same clientId, so the server never stores it twice). */
  async deliver(clientId: string): Promise<void> {
    const pending = this.store.get().pending.find((p) => p.clientId === clientId);
    if (!pending) return;
    this.setPendingError(clientId, null);
    try {
      const message = await this.backend.messages.send({ chatId: pending.chatId, clientId, text: pending.text, ...(pending.replyToId ? { replyToId: pending.replyToId } : {}), ...(pending.mentions ? { mentions: pending.mentions } : {}) });
      this.onEvent({ type: 'message.new', message });
    } catch (error) {
      this.setPendingError(clientId, messageOf(error));
    }
  }

  discardPending(clientId: string): void {
    this.store.set((s) => ({ ...s, pending: s.pending.filter((p) => p.clientId !== clientId) }));
    // The desktop core keeps refused messages until told: it must not show this one again.
    void this.backend.messages.discardUnsent?.(clientId).catch(() => undefined);
  }

  private setPendingError(clientId: string, error: string | null): void {
    this.store.set((s) => ({ ...s, pending: s.pending.map((p) => (p.clientId === clientId ? { ...p, error } : p)) }));
  }

  async edit(message: MessageView, text: string): Promise<void> {
    const updated = await this.backend.messages.edit(message.id, text);
    this.onEvent({ type: 'message.updated', message: updated });
  }

  async delete(message: MessageView, forEveryone: boolean): Promise<void> {
    await this.backend.messages.delete(message.id, forEveryone);
    this.onEvent({ type: 'message.deleted', chatId: message.chatId, messageId: message.id, seq: message.seq, forEveryone });
  }

  async react(message: MessageView, emoji: string | null): Promise<void> {
    const me = this.store.get().me?.id;
    if (!me) return;
    const before = message.reactions;
    this.onEvent({ type: 'reaction', chatId: message.chatId, messageId: message.id, userId: me, emoji });
    try {
      await this.backend.messages.react(message.id, emoji);
    } catch (error) {
      const previous = before.find((r) => r.userId === me)?.emoji ?? null;
      this.onEvent({ type: 'reaction', chatId: message.chatId, messageId: message.id, userId: me, emoji: previous });
      throw error;
    }
  }

  typing(chatId: string): void {
    const now = Date.now();
    if (now - (this.lastTypingSent.get(chatId) ?? 0) < TYPING_EVERY_MS) return;
    this.lastTypingSent.set(chatId, now);
    void this.backend.chats.typing(chatId).catch(() => undefined);
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
    void this.backend.chats.markRead(chat.id, seq).catch(() => undefined);
  }

  private activeChatVisible(): boolean {
    return document.visibilityState === 'visible' && document.hasFocus();
  }

  // ── the event stream ───────────────────────────────────────────────────

  private onEvent(event: BackendEvent): void {
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
    void this.backend.chats.markDelivered(chatId, seq).catch(() => undefined);
  }

  private async fetchChat(chatId: string): Promise<void> {
    if (this.fetchingChats.has(chatId)) return;
    this.fetchingChats.add(chatId);
    try {
      this.upsertChat(await this.backend.chats.get(chatId));
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
  if (error instanceof BackendError) return error.message;
  return error instanceof Error ? error.message : 'Something went wrong.';
}
