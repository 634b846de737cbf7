import type { AppRouter } from '@confab/api';
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import { isResyncRequired } from '../../../../shared/errors';
import { reconnectDelayMs } from '../../../../shared/reconnect-backoff';
import { eventIdCovers } from '../../../../shared/event-id';
import type { BackendEvent, ConnectionState } from '../backend';
import { Emitter, Observable } from '../emitter';
import type { AuthSession } from './auth-session';
import { isUnauthorized } from './auth-session';
import type { HttpClient } from './clients';
import { webSocketUrl } from './clients';

type SyncClient = ReturnType<typeof createTRPCClient<AppRouter>>;

/** An event id larger than any stream's head: `sync.changes` then answers with the head itself. */
const FAR_FUTURE_ID = '999999999999999';

/**
 * The `sync.events` subscription over WebSocket, and the connection state it implies.
 *
 * The stream starts at the head read *before* the UI loads its lists, so nothing that happens
 * while they load is lost (events it already saw are recognised by seq and ignored). tRPC
 * resends the last tracked id on every reconnect, so the server replays what was missed; until
 * the replay reaches the head read at reconnect time the state is "syncing".
 */
export class LiveSync {
  readonly events = new Emitter<BackendEvent>();
  readonly state = new Observable<ConnectionState>('connecting');
  private ws: ReturnType<typeof createWSClient> | null = null;
  private unsubscribe: (() => void) | null = null;
  private stopRenewing: (() => void) | null = null;
  private lastEventId: string | null = null;
  private catchUpTo: string | null = null;
  private opened = false;
  private stopped = true;

  constructor(
    private readonly baseUrl: string,
    private readonly session: AuthSession,
    private readonly http: () => HttpClient,
  ) {
    window.addEventListener('offline', () => this.state.set('offline'));
    // Back online with the socket still open (a short blip never closed it): nothing to replay.
    window.addEventListener('online', () => {
      if (!this.stopped && this.ws?.connection?.state === 'open' && this.state.get() === 'offline') this.state.set('online');
    });
  }

  async start(): Promise<void> {
    this.stop();
    this.stopped = false;
    this.opened = false;
    this.state.set('connecting');
    const head = await this.head().catch(() => null);
    if (this.stopped) return;
    this.connect(head);
  }

  stop(): void {
    this.stopped = true;
    this.closeSocket();
    this.lastEventId = null;
  }

  private connect(from: string | null): void {
    this.lastEventId = from;
    this.ws = createWSClient({
      url: webSocketUrl(this.baseUrl),
      connectionParams: async () => ({ token: (await this.session.freshToken().catch(() => null)) ?? '' }),
      retryDelayMs: reconnectDelayMs,
      onOpen: () => void this.onOpen(),
      onClose: () => {
        if (!this.stopped) this.state.set('offline');
      },
    });
    const client = createTRPCClient<AppRouter>({ links: [wsLink({ client: this.ws })] });
    // The server closes a socket when the token it signed in with expires: each refresh (the
    // session refreshes ahead of expiry) signs the open socket in again with the new token.
    this.stopRenewing = this.session.renewed.on((accessToken) => void client.auth.authenticateSocket.mutate({ accessToken }).catch(() => undefined));
    this.subscribe(client);
  }

  private closeSocket(): void {
    this.stopRenewing?.();
    this.stopRenewing = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    void this.ws?.close();
    this.ws = null;
  }

  private subscribe(client: SyncClient): void {
    const subscription = client.sync.events.subscribe(this.lastEventId ? { lastEventId: this.lastEventId } : {}, {
      onData: (data) => {
        if (isTracked(data)) {
          this.lastEventId = data.id;
          this.events.emit(data.data);
          if (this.catchUpTo !== null && eventIdCovers(data.id, this.catchUpTo)) this.caughtUp();
        } else {
          this.events.emit(data);
        }
      },
      onError: (error) => void this.onSubscriptionError(error, client),
    });
    this.unsubscribe = () => subscription.unsubscribe();
  }

  private async onOpen(): Promise<void> {
    if (!this.opened) {
      this.opened = true;
      this.state.set('online');
      return;
    }
    // A reconnect: the server replays what was missed; show "syncing" until it has.
    this.state.set('syncing');
    const head = await this.head().catch(() => null);
    if (head === null || eventIdCovers(this.lastEventId ?? '0', head)) this.caughtUp();
    else this.catchUpTo = head;
  }

  private caughtUp(): void {
    this.catchUpTo = null;
    if (!this.stopped) this.state.set('online');
  }

  private async onSubscriptionError(error: unknown, client: SyncClient): Promise<void> {
    if (this.stopped) return;
    this.unsubscribe = null;
    if (isUnauthorized(error)) {
      // The token the socket was opened with has expired or the session ended: refresh (which
      // signs out when refused) and open a new socket with the new token, resuming the stream.
      try {
        await this.session.refresh();
      } catch {
        return;
      }
      if (this.stopped) return;
      this.closeSocket();
      this.connect(this.lastEventId);
      return;
    }
    if (isResyncRequired(error)) {
      // Away longer than the server keeps events: start again at its head, and the screens
      // load their lists again (as on a first load), so nothing is replayed from a gap.
      const head = await this.head().catch(() => null);
      if (this.stopped) return;
      this.closeSocket();
      this.connect(head);
      this.events.emit({ type: 'shell.resynced' });
      return;
    }
    this.state.set('offline');
    setTimeout(() => {
      if (!this.stopped && !this.unsubscribe) this.subscribe(client);
    }, 2_000);
  }

  private async head(): Promise<string> {
    const page = await this.session.call(() => this.http().sync.changes.query({ since: FAR_FUTURE_ID, limit: 1 }));
    return page.nextSince;
  }
}

function isTracked(data: unknown): data is { id: string; data: Exclude<BackendEvent, { type: 'typing' | 'presence' }> } {
  return typeof data === 'object' && data !== null && 'id' in data && 'data' in data && typeof (data as { id: unknown }).id === 'string';
}
