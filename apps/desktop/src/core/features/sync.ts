import type { Refusal } from '../sync/outbox-sender.js';
import type { CoreRuntime } from '../runtime.js';
import { reconnectDelayMs } from '../../shared/reconnect-backoff.js';
import { SyncEngine } from '../sync/sync-engine.js';
import { openSocket, type WebSocketClass } from '../sync/transport.js';
import type { ConnectionState } from '../types.js';

export interface SyncHooks {
  /** Connected and caught up. */
  onOnline(): void;
  /** The server refused something the outbox carried. */
  onRefused(refusal: Refusal): void;
}

/**
 * The connection: one sync engine while signed in (catch up, live stream, outbox), reporting
 * its state to the page and its changes through the runtime.
 */
export class SyncFeature {
  constructor(
    private readonly rt: CoreRuntime,
    private readonly hooks: SyncHooks,
  ) {}

  start(): void {
    const { rt } = this;
    const me = rt.cache.me()!;
    rt.engine = new SyncEngine({
      cache: rt.cache,
      me,
      http: rt.http,
      session: rt.session,
      openSocket: () => openSocket(rt.options.serverUrl, rt.options.WebSocket as WebSocketClass, rt.session),
      now: rt.now,
      retryDelayMs: rt.options.retryDelayMs ?? reconnectDelayMs,
      historyChats: rt.options.historyChats ?? 30,
      onChanges: (changes, source) => rt.announce(changes, source),
      onEphemeral: (event) => rt.emitter.emit(event),
      onState: (state) => {
        rt.emitter.emit({ type: 'shell.connection', state });
        if (state === 'online') this.hooks.onOnline();
      },
      onRefused: (refusal) => this.hooks.onRefused(refusal),
      log: rt.log,
    });
    rt.engine.start();
  }

  async stop(): Promise<void> {
    const engine = this.rt.engine;
    this.rt.engine = null;
    await engine?.stop();
  }

  get state(): ConnectionState {
    return this.rt.engine?.connection ?? 'reading-from-cache';
  }

  /** Sends the outbox now when connected; otherwise it goes when the connection returns. */
  flushOutbox(): void {
    this.rt.engine?.flushOutbox();
  }
}
