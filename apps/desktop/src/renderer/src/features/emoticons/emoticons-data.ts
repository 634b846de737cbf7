import type { OutputOf } from '../../../../shared/procedures/index';
import type { Backend, BackendEvent, UploadProgress } from '../../lib/backend';
import { LiveData } from '../../lib/live-data';

export type Emoticon = OutputOf<'emoticons.list'>[number];

/**
 * My custom emoticons, shared by the manager in Settings, the sticker tray and the composer's
 * `:shortcut:` suggestions. Loaded once per window and kept current by my own
 * `emoticon.created` / `emoticon.deleted` events (from this device or another).
 */
export class EmoticonsData extends LiveData {
  /** Newest first, as the tray and the manager show them. */
  items: Emoticon[] = [];
  loaded = false;
  error: unknown = null;
  private loading: Promise<void> | null = null;

  load(): Promise<void> {
    this.loading ??= this.backend
      .call('emoticons.list')
      .then((list) => {
        this.items = sortNewestFirst(list);
        this.loaded = true;
        this.error = null;
        this.changed();
      })
      .catch((error: unknown) => {
        this.loading = null; // offline: try again on the next open
        this.error = error;
        this.changed();
      });
    return this.loading;
  }

  /** Uploads the image (with progress) and makes it `:shortcut:`; the server resizes it. */
  async create(file: File, shortcut: string, onProgress: (p: UploadProgress) => void, signal?: AbortSignal): Promise<Emoticon> {
    const { mediaId } = await this.backend.upload(file, onProgress, signal);
    signal?.throwIfAborted();
    const emoticon = await this.backend.call('emoticons.create', { shortcut, mediaId });
    this.add(emoticon);
    return emoticon;
  }

  /** "Add to my stickers": someone's sticker or custom emoticon in a message becomes mine (the server shares the picture). */
  async save(messageId: string, shortcut: string, emoticonId?: string): Promise<Emoticon> {
    const emoticon = await this.backend.call('emoticons.save', { messageId, shortcut, ...(emoticonId ? { emoticonId } : {}) });
    this.add(emoticon);
    return emoticon;
  }

  async delete(emoticon: Emoticon): Promise<void> {
    await this.backend.call('emoticons.delete', { emoticonId: emoticon.id });
    this.remove(emoticon.id);
  }

  byShortcut(shortcut: string): Emoticon | undefined {
    return this.items.find((e) => e.shortcut === shortcut);
  }

  private add(emoticon: Emoticon): void {
    if (this.items.some((e) => e.id === emoticon.id)) return;
    this.items = sortNewestFirst([emoticon, ...this.items]);
    this.changed();
  }

  private remove(emoticonId: string): void {
    if (!this.items.some((e) => e.id === emoticonId)) return;
    this.items = this.items.filter((e) => e.id !== emoticonId);
    this.changed();
  }

  protected apply(event: BackendEvent): void {
    if (event.type === 'emoticon.created') this.add(event.emoticon);
    else if (event.type === 'emoticon.deleted') this.remove(event.emoticonId);
    else if (event.type === 'shell.resynced' && this.loaded) {
      this.loading = null;
      void this.load();
    }
  }
}

function sortNewestFirst(list: Emoticon[]): Emoticon[] {
  return [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

const byBackend = new WeakMap<Backend, EmoticonsData>();

export function emoticonsDataFor(backend: Backend): EmoticonsData {
  let data = byBackend.get(backend);
  if (!data) byBackend.set(backend, (data = new EmoticonsData(backend)));
  return data;
}
