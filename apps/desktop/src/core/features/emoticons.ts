import { storeEmoticons } from '../cache/emoticons-store.js';
import type { EmoticonView } from '../cache/server-views.js';
import type { CoreRuntime } from '../runtime.js';
import { keepFresh } from './keep-fresh.js';

/**
 * My custom emoticons, for the composer's picker: online, the server's list (kept); offline, the
 * cache's, kept current by `emoticon.*` events. Making or deleting one needs the server.
 */
export class EmoticonsFeature {
  constructor(private readonly rt: CoreRuntime) {}

  async list(): Promise<EmoticonView[]> {
    await keepFresh(this.rt, 'my emoticons', () => this.rt.http.emoticons.list.query(), storeEmoticons);
    return this.cached();
  }

  /** From the cache only, by shortcut. */
  cached(): EmoticonView[] {
    return this.rt.cache.emoticons.all();
  }

  /** After connecting: the whole set, for offline use. */
  async refresh(): Promise<void> {
    await this.list();
  }
}
