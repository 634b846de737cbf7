import type { WriteContext } from '../cache/change-set.js';
import type { CoreRuntime } from '../runtime.js';

/**
 * For what the cache answers offline and the server answers best online: when connected, asks
 * the server and keeps its answer; returns it, or null when offline or the server failed (the
 * failure is logged), so the caller answers from the cache.
 */
export async function keepFresh<T>(rt: CoreRuntime, what: string, fetch: () => Promise<T>, store: (ctx: WriteContext, fresh: T) => void): Promise<T | null> {
  if (!rt.online()) return null;
  try {
    const fresh = await fetch();
    rt.write((ctx) => store(ctx, fresh));
    return fresh;
  } catch (error) {
    rt.log(`${what} could not be refreshed`, error);
    return null;
  }
}
