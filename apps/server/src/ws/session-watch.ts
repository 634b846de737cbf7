import { channels, type Deps } from '@confab/api';

/** What a session's sockets are told when the session ends (logout, revocation, a reused refresh token). */
export interface SessionWatcher {
  sessionEnded(): void;
}

interface Watch {
  watchers: Set<SessionWatcher>;
  /** Resolves with the bus unsubscribe once live; null when the subscription failed. */
  live: Promise<(() => Promise<void>) | null>;
}

/**
 * One bus subscription per signed-in session on this process, shared by all of its sockets
 * (a device that reconnects, a web client open in several tabs), instead of one per socket and
 * another per `sync.events` stream. The last socket to leave unsubscribes.
 */
export class SessionWatch {
  private readonly watches = new Map<string, Watch>();

  constructor(private readonly deps: Pick<Deps, 'bus' | 'log'>) {}

  join(sessionId: string, watcher: SessionWatcher): void {
    let watch = this.watches.get(sessionId);
    if (!watch) {
      const created: Watch = { watchers: new Set(), live: Promise.resolve(null) };
      created.live = this.deps.bus.subscribe(channels.session(sessionId), () => {
        // Copied: each watcher leaves as its socket closes.
        for (const w of [...created.watchers]) w.sessionEnded();
      }).catch((error: unknown) => {
        // Not fatal: every call on the socket re-checks the session.
        this.deps.log.warn({ err: error }, 'could not watch a session for revocation; calls still check it');
        if (this.watches.get(sessionId) === created) this.watches.delete(sessionId);
        return null;
      });
      this.watches.set(sessionId, created);
      watch = created;
    }
    watch.watchers.add(watcher);
  }

  leave(sessionId: string, watcher: SessionWatcher): void {
    const watch = this.watches.get(sessionId);
    if (!watch || !watch.watchers.delete(watcher) || watch.watchers.size > 0) return;
    this.watches.delete(sessionId);
    void watch.live.then((unsubscribe) => unsubscribe?.()).catch(() => undefined);
  }

  /** Sessions watched (tests and metrics). */
  get size(): number {
    return this.watches.size;
  }
}
