import type { EphemeralEvent } from '@confab/api';
import type { Cache } from '../cache/cache.js';
import type { ChangeSet } from '../cache/change-set.js';
import { StateKeys } from '../cache/state.repo.js';
import type { AuthSession } from '../session/auth-session.js';
import type { ConnectionState } from '../types.js';
import { catchUp } from './catch-up.js';
import { isSessionEnded } from './errors.js';
import { subscribeEvents } from './event-stream.js';
import { LiveApplier } from './live-apply.js';
import { OutboxSender, type Refusal } from './outbox-sender.js';
import type { ApiClient, Socket } from './transport.js';

export interface SyncEngineDeps {
  cache: Cache;
  me: string;
  http: ApiClient;
  session: AuthSession;
  openSocket(): Socket;
  now: () => Date;
  retryDelayMs(attempt: number): number;
  historyChats: number;
  /** `live`: from the stream (may notify); `catch-up`: missed while away; `local`: our own writes. */
  onChanges(changes: ChangeSet, source: 'live' | 'catch-up' | 'local'): void;
  onEphemeral(event: EphemeralEvent): void;
  onState(state: ConnectionState): void;
  onRefused(refusal: Refusal): void;
  log(message: string, error?: unknown): void;
}

/**
 * Keeps the cache in step with the server. Each connection cycle: catch up over HTTP
 * (sync.changes pages from the stored event id), then open the live stream from the id
 * reached, then send the outbox. When the stream breaks, the cycle starts again after a
 * backoff, always from the id stored in the cache, so a restart resumes where it stopped.
 */
export class SyncEngine {
  readonly outbox: OutboxSender;
  readonly stats = { eventsApplied: 0, changesPagesFetched: 0 };
  private state: ConnectionState = 'reading-from-cache';
  private stopped = false;
  private cycle: Promise<void> | null = null;
  private socket: Socket | null = null;
  private stream: { stop(): void } | null = null;
  private readonly live: LiveApplier;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private outboxTimer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: SyncEngineDeps) {
    this.outbox = new OutboxSender({
      cache: deps.cache,
      me: deps.me,
      http: deps.http,
      now: deps.now,
      onChanges: (changes) => this.deps.onChanges(changes, 'local'),
      onRefused: deps.onRefused,
      onTemporaryFailure: (wait) => this.retryOutboxLater(wait),
    });
    this.live = new LiveApplier({ ...deps, onChanges: (changes) => this.handleChanges(changes, 'live') });
  }

  get connection(): ConnectionState {
    return this.state;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimers();
    await this.closeStream();
    // A cycle waiting on the network is not waited for long; its late writes fail harmlessly.
    await Promise.race([this.cycle?.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  }

  /** Skip the backoff wait (the UI's "retry now", or the OS reporting the network is back). */
  reconnectNow(): void {
    if (this.stopped || this.state === 'online' || this.cycle) return;
    this.clearTimers();
    this.connect();
  }

  /** Sends the outbox now if connected; otherwise it goes when the connection returns. */
  flushOutbox(): void {
    if (this.state === 'online') void this.outbox.flush().catch((error: unknown) => this.deps.log('outbox flush failed', error));
  }

  private connect(): void {
    if (this.cycle || this.stopped) return;
    this.cycle = this.runCycle().finally(() => {
      this.cycle = null;
    });
  }

  private async runCycle(): Promise<void> {
    try {
      this.setState('syncing');
      await catchUp({
        cache: this.deps.cache,
        me: this.deps.me,
        http: this.deps.http,
        now: this.deps.now,
        historyChats: this.deps.historyChats,
        onChanges: (changes) => this.handleChanges(changes, 'catch-up'),
        onPage: () => void (this.stats.changesPagesFetched += 1),
      });
      if (this.stopped) return;
      await this.openStream();
      if (this.stopped) return;
      this.attempt = 0;
      this.setState('online');
      this.flushOutbox();
    } catch (error) {
      await this.closeStream();
      if (this.stopped || isSessionEnded(error)) return;
      this.deps.log('sync connection failed', error);
      this.setState('offline');
      this.scheduleRetry();
    }
  }

  /** Resolves once the server confirms the subscription; rejects if it breaks before. */
  private openStream(): Promise<void> {
    const lastEventId = this.deps.cache.state.get(StateKeys.lastEventId);
    this.socket = this.deps.openSocket();
    return new Promise<void>((resolve, reject) => {
      let started = false;
      this.stream = subscribeEvents(this.socket!.client, lastEventId, {
        onStarted: () => {
          if (!started) resolve();
          started = true;
        },
        onEvent: (id, event) => this.live.push(id, event),
        onEphemeral: (event) => this.deps.onEphemeral(event),
        onLost: (error) => {
          if (!started) return reject(error instanceof Error ? error : new Error(String(error)));
          void this.streamLost(error);
        },
      });
    });
  }

  private async streamLost(error: unknown): Promise<void> {
    if (this.stopped) return;
    this.deps.log('event stream lost', error);
    await this.closeStream();
    this.setState('offline');
    this.scheduleRetry();
  }

  private handleChanges(changes: ChangeSet, source: 'live' | 'catch-up'): void {
    this.stats.eventsApplied += changes.eventsApplied;
    this.deps.onChanges(changes, source);
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retryTimer) return;
    const delay = this.deps.retryDelayMs(this.attempt++);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private retryOutboxLater(waitMs: number | null): void {
    if (this.stopped || this.outboxTimer || this.state !== 'online') return;
    this.outboxTimer = setTimeout(() => {
      this.outboxTimer = null;
      this.flushOutbox();
    }, waitMs ?? this.deps.retryDelayMs(2));
  }

  private async closeStream(): Promise<void> {
    this.stream?.stop();
    this.stream = null;
    // What the stream delivered before it closed is applied, not dropped (if this fails, the
    // ids were not stored and the next cycle fetches the events again).
    try {
      this.live.flush();
    } catch (error) {
      this.deps.log('could not apply the last live events', error);
    }
    const socket = this.socket;
    this.socket = null;
    await socket?.close().catch(() => undefined);
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.outboxTimer) clearTimeout(this.outboxTimer);
    this.retryTimer = null;
    this.outboxTimer = null;
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.deps.onState(state);
  }
}
