import type { BackendEvent, MessageView, SearchHit } from '../backend';
import { matchesAll, searchTerms } from '../text-match';

/**
 * The messages this browser tab has seen (history pages, sends, live events). The web client
 * keeps no offline cache; this index only lets search work over what is already loaded when the
 * server cannot search.
 */
export class LoadedMessages {
  private readonly byId = new Map<string, MessageView>();

  addAll(messages: readonly MessageView[]): void {
    for (const m of messages) this.byId.set(m.id, m);
  }

  apply(event: BackendEvent): void {
    switch (event.type) {
      case 'message.new':
      case 'message.updated':
        this.byId.set(event.message.id, event.message);
        break;
      case 'message.deleted':
        this.byId.delete(event.messageId);
        break;
    }
  }

  search(query: string, chatId?: string, limit = 50): SearchHit[] {
    const terms = searchTerms(query);
    const hits: MessageView[] = [];
    for (const m of this.byId.values()) {
      if (chatId && m.chatId !== chatId) continue;
      if (m.deletedAt || !m.text) continue;
      if (matchesAll(m.text, terms)) hits.push(m);
    }
    hits.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.seq - a.seq);
    return hits.slice(0, limit).map((message) => ({ message, chatId: message.chatId }));
  }

  clear(): void {
    this.byId.clear();
  }
}
