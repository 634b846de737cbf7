import type { CoreRuntime } from '../runtime.js';
import type { SearchOptions, SearchPage } from '../types.js';

/** Full-text search over the cached messages (works offline); every match is reachable by cursor. */
export class SearchFeature {
  constructor(private readonly rt: CoreRuntime) {}

  search(query: string, options: SearchOptions = {}): SearchPage {
    return this.rt.cache.search.search(query, options);
  }
}
