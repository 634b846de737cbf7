import type { Deps } from '../deps.js';

/**
 * Sessions with an open event stream in this process. A device whose session is streaming is
 * online and gets its news over the stream, so it is not pushed to. Kept per process: in a
 * cluster a stream on another process is not seen here, and the service worker's own check
 * (it shows nothing while a window of the app is focused) keeps that case quiet.
 */
export class LiveStreams {
  private readonly open = new Map<string, number>();
  enter(sessionId: string): () => void {
    this.open.set(sessionId, (this.open.get(sessionId) ?? 0) + 1);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const n = (this.open.get(sessionId) ?? 1) - 1;
      if (n <= 0) this.open.delete(sessionId);
      else this.open.set(sessionId, n);
    };
  }
  isLive(sessionId: string): boolean {
    return this.open.has(sessionId);
  }
}

const byDeps = new WeakMap<Deps, LiveStreams>();
export function liveStreams(deps: Deps): LiveStreams {
  let streams = byDeps.get(deps);
  if (!streams) byDeps.set(deps, (streams = new LiveStreams()));
  return streams;
}
