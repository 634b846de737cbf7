import type { Deps } from '../deps.js';
import { channels } from '../ports/event-bus.js';

/**
 * How often each process checks, in one query, whether any of its open streams missed a
 * wake-up (a process died between a commit and its publish, or the bus dropped a message).
 */
export const SAFETY_NET_MS = 60_000;
/** Stream heads read per statement. */
const CHUNK = 2_000;

export interface StreamWatcher {
  userId: string;
  /** The last seq of the user's own stream this stream has sent. */
  last(): number;
  /** The group chats it follows (chat num → the last chat seq sent). */
  chats(): ReadonlyMap<number, number>;
  /** How many windows onto chat streams it knows of (a new one means a chat to follow). */
  windows(): number;
  /** Something was stored past `last()`: read it from the store. */
  wake(): void;
}

/**
 * The per-process safety net for lost wake-ups: one timer and one read of the stream heads of
 * every user with an open stream here, instead of a timer and a read per subscription (which
 * cost one read per socket per minute: 250/s at 15,000 idle sockets). Only a stream that is
 * behind its head (its own, or a followed chat's) or has a window it does not know of is woken.
 */
export class StreamSafetyNet {
  private readonly watchers = new Set<StreamWatcher>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly deps: Deps) {
    // When the bus is back after dropping messages (Redis restarted), this process's streams
    // check at once, and tell every other process to: the publishes this process could not
    // make were wake-ups for streams anywhere in the cluster.
    deps.bus.onReconnect?.(() => {
      void this.checkNow();
      deps.bus.publish(channels.resync(), {}).catch((error: unknown) => deps.log.warn({ err: error }, 'resync not announced; the next check finds it'));
    });
    deps.bus.subscribe(channels.resync(), () => void this.checkNow()).catch((error: unknown) => deps.log.warn({ err: error }, 'resync channel not subscribed'));
  }

  /** Watches a stream until the returned function is called. */
  watch(watcher: StreamWatcher): () => void {
    this.watchers.add(watcher);
    if (!this.timer) {
      this.timer = setInterval(() => void this.checkNow(), SAFETY_NET_MS);
      this.timer.unref();
    }
    return () => {
      this.watchers.delete(watcher);
      if (this.watchers.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  /** Runs a check now (or waits for the one under way). */
  checkNow(): Promise<void> {
    this.running ??= this.check()
      .catch((error: unknown) => this.deps.log.warn({ err: error }, 'stream safety net failed; it runs again'))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async check(): Promise<void> {
    const userIds = [...new Set([...this.watchers].map((w) => w.userId))];
    const heads = new Map<string, number>();
    for (let i = 0; i < userIds.length; i += CHUNK) {
      const rows = await this.deps.db.selectFrom('userStreams').select(['userId', 'lastSeq']).where('userId', 'in', userIds.slice(i, i + CHUNK)).execute();
      for (const row of rows) heads.set(row.userId, Number(row.lastSeq));
    }
    const nums = [...new Set([...this.watchers].flatMap((w) => [...w.chats().keys()]))];
    const chatHeads = new Map<number, number>();
    for (let i = 0; i < nums.length; i += CHUNK) {
      const rows = await this.deps.db.selectFrom('chatStreams').select(['num', 'lastSeq']).where('num', 'in', nums.slice(i, i + CHUNK)).execute();
      for (const row of rows) chatHeads.set(row.num, Number(row.lastSeq));
    }
    const windows = new Map<string, number>();
    for (let i = 0; i < userIds.length; i += CHUNK) {
      const rows = await this.deps.db
        .selectFrom('streamWindows')
        .select(['userId', (eb) => eb.fn.countAll<number>().as('n')])
        .where('userId', 'in', userIds.slice(i, i + CHUNK))
        .groupBy('userId')
        .execute();
      for (const row of rows) windows.set(row.userId, Number(row.n));
    }
    for (const watcher of this.watchers) {
      const chatBehind = [...watcher.chats()].some(([num, pos]) => (chatHeads.get(num) ?? 0) > pos);
      if ((heads.get(watcher.userId) ?? 0) > watcher.last() || chatBehind || (windows.get(watcher.userId) ?? 0) !== watcher.windows()) watcher.wake();
    }
  }
}

const nets = new WeakMap<Deps, StreamSafetyNet>();

export function streamSafetyNet(deps: Deps): StreamSafetyNet {
  let net = nets.get(deps);
  if (!net) {
    net = new StreamSafetyNet(deps);
    nets.set(deps, net);
  }
  return net;
}
