import { storeEmoticons } from '../cache/emoticons-store.js';
import type { EmoticonView } from '../cache/server-views.js';
import type { CoreRuntime } from '../runtime.js';

/**
 * My custom emoticons, for the composer's picker: online, the server's list (kept); offline, the
 * cache's, kept current by `emoticon.*` events. Making or deleting one needs the server.
 */
export class EmoticonsFeature {
  constructor(private readonly rt: CoreRuntime) {}

  async list(): Promise<EmoticonView[]> {
    if (this.rt.online()) {
      try {
        const fresh = await this.rt.http.emoticons.list.query();
        this.rt.write((ctx) => storeEmoticons(ctx, fresh));
      } catch (error) {
        this.rt.log('my emoticons could not be refreshed', error);
      }
    }
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
