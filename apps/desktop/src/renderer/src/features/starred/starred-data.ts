import { LiveData } from '../../lib/live-data';
import type { Backend, BackendEvent, MessageView } from '../../lib/backend';

/** The first page of stars loads at start; more come with the starred list as it scrolls. */
const PAGE = 100;

/**
 * My starred messages, shared by the bubbles (a star on each) and the starred list. Loaded once
 * per window, kept current by my own `message.starred` events (from this or another device).
 */
export class StarredData extends LiveData {
  readonly ids = new Set<string>();
  items: { message: MessageView; starredAt: string }[] = [];
  nextCursor: number | null = null;
  loaded = false;
  private loading: Promise<void> | null = null;

  /** The first page, once (again after `refresh`). */
  load(): Promise<void> {
    this.loading ??= this.fetch(undefined).catch(() => {
      this.loading = null; // offline: try again on the next open
    });
    return this.loading;
  }

  async loadMore(): Promise<void> {
    if (this.nextCursor !== null) await this.fetch(this.nextCursor);
  }

  private async fetch(cursor: number | undefined): Promise<void> {
    const page = await this.backend.call('messages.starred', { cursor, limit: PAGE });
    this.items = cursor === undefined ? page.items : [...this.items, ...page.items.filter((i) => !this.ids.has(i.message.id))];
    if (cursor === undefined) this.ids.clear();
    for (const item of this.items) this.ids.add(item.message.id);
    this.nextCursor = page.nextCursor;
    this.loaded = true;
    this.changed();
  }

  /** Stars or unstars at once on screen; the server's answer (or its event) settles it. */
  async setStarred(message: MessageView, starred: boolean): Promise<void> {
    this.local(message, starred);
    try {
      await this.backend.call('messages.star', { messageId: message.id, starred });
    } catch (error) {
      this.local(message, !starred);
      throw error;
    }
  }

  private local(message: MessageView, starred: boolean): void {
    if (starred === this.ids.has(message.id)) return;
    if (starred) {
      this.ids.add(message.id);
      this.items = [{ message, starredAt: new Date().toISOString() }, ...this.items];
    } else {
      this.ids.delete(message.id);
      this.items = this.items.filter((i) => i.message.id !== message.id);
    }
    this.changed();
  }

  protected apply(event: BackendEvent): void {
    if (event.type === 'message.starred') {
      if (event.starred === this.ids.has(event.messageId)) return;
      if (event.starred) {
        // Starred on another device: the list needs the message itself, so read the page again.
        this.ids.add(event.messageId);
        this.loading = null;
        void this.load();
      } else {
        this.ids.delete(event.messageId);
        this.items = this.items.filter((i) => i.message.id !== event.messageId);
      }
      this.changed();
    } else if (event.type === 'message.deleted' && this.ids.has(event.messageId)) {
      this.ids.delete(event.messageId);
      this.items = this.items.filter((i) => i.message.id !== event.messageId);
      this.changed();
    } else if (event.type === 'message.updated' && this.ids.has(event.message.id)) {
      this.items = this.items.map((i) => (i.message.id === event.message.id ? { ...i, message: event.message } : i));
      this.changed();
    }
  }
}

const byBackend = new WeakMap<Backend, StarredData>();

export function starredDataFor(backend: Backend): StarredData {
  let data = byBackend.get(backend);
  if (!data) byBackend.set(backend, (data = new StarredData(backend)));
  return data;
}
