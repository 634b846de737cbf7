import { endExpiredLiveShares } from './cache/live-shares-store.js';
import { StateKeys } from './cache/state.repo.js';
import { purgeExpiredStories } from './cache/stories-store.js';
import { purgeExpired } from './cache/store.js';
import { CallAlertsFeature } from './features/call-alerts.js';
import { ChatsFeature } from './features/chats.js';
import { EmoticonsFeature } from './features/emoticons.js';
import { LiveLocationsFeature } from './features/live-locations.js';
import { MediaFeature } from './features/media.js';
import { MessagesFeature } from './features/messages.js';
import { NotificationCentreFeature } from './features/notification-centre.js';
import { NotificationsFeature } from './features/notifications.js';
import { OutboxFeature } from './features/outbox.js';
import { SearchFeature } from './features/search.js';
import { SessionFeature } from './features/session.js';
import { StoriesFeature } from './features/stories.js';
import { SyncFeature } from './features/sync.js';
import { pageProcedures, type CoreProcedures } from './page/procedures.js';
import { CoreRuntime, type DesktopCoreOptions } from './runtime.js';
import type { ApiClient } from './sync/transport.js';
import type { CoreListener, Diagnostics } from './types.js';

export type { DesktopCoreOptions } from './runtime.js';

const EXPIRY_SWEEP_MS = 60_000;

/**
 * The desktop client's Node side: cache, sync, outbox and notification policy, as feature
 * modules over one runtime. Reads answer from the cache at once; sync and sends happen in the
 * background, and every change is announced through `subscribe` (what the page is told, and
 * what only main acts on). `page` is what main dispatches the page's calls to.
 */
export class DesktopCore {
  readonly sync: SyncFeature;
  readonly session: SessionFeature;
  readonly chats: ChatsFeature;
  readonly messages: MessagesFeature;
  readonly outbox: OutboxFeature;
  readonly media: MediaFeature;
  readonly search: SearchFeature;
  readonly notifications: NotificationsFeature;
  readonly callAlerts: CallAlertsFeature;
  readonly stories: StoriesFeature;
  readonly notificationCentre: NotificationCentreFeature;
  readonly emoticons: EmoticonsFeature;
  readonly liveLocations: LiveLocationsFeature;
  readonly page: CoreProcedures;
  private readonly rt: CoreRuntime;
  private sweepTimer: NodeJS.Timeout | null = null;

  constructor(options: DesktopCoreOptions) {
    const rt = (this.rt = new CoreRuntime(options));
    this.sync = new SyncFeature(rt, {
      onOnline: () => {
        this.chats.fetchPlaceholders();
        void this.notifications.onOnline().catch((error: unknown) => rt.log('could not read notification settings or register this device', error));
        void this.callAlerts.onOnline().catch((error: unknown) => rt.log('could not read the calls going on', error));
        // What the cache keeps besides chats, fresh from the server, so it is there offline.
        for (const refresh of [this.stories, this.notificationCentre, this.emoticons]) {
          void refresh.refresh().catch((error: unknown) => rt.log('could not refresh the offline copy of stories, notifications or emoticons', error));
        }
      },
      onRefused: (refusal) => {
        if (refusal.op === 'send') return;
        rt.emitter.emit({ type: 'outbox.failed', chatId: refusal.chatId, messageId: refusal.messageId, reason: refusal.reason });
        if (refusal.messageId) void this.messages.restore(refusal.chatId, refusal.messageId);
      },
    });
    this.session = new SessionFeature(rt, this.sync);
    this.chats = new ChatsFeature(rt, this.sync);
    this.messages = new MessagesFeature(rt, this.sync, this.chats);
    this.outbox = new OutboxFeature(rt, this.sync);
    this.media = new MediaFeature(rt);
    this.search = new SearchFeature(rt);
    this.notifications = new NotificationsFeature(rt, options.deviceName ?? 'Confab Desktop');
    this.callAlerts = new CallAlertsFeature(rt, this.notifications);
    this.stories = new StoriesFeature(rt, this.sync);
    this.notificationCentre = new NotificationCentreFeature(rt, this.sync);
    this.emoticons = new EmoticonsFeature(rt);
    this.liveLocations = new LiveLocationsFeature(rt);
    this.page = pageProcedures(this);

    rt.onSessionRefused = () => this.session.endedElsewhere();
    rt.afterChanges = (changes, source) => {
      this.notifications.onChanges(changes, source);
      if (changes.unknownChats.size > 0 && rt.online()) void this.chats.fetch([...changes.unknownChats]);
      if (changes.staleStories && rt.online()) void this.stories.feed().catch((error: unknown) => rt.log('could not load the story feed', error));
      const mySession = rt.cache.state.get(StateKeys.sessionId);
      if (mySession && changes.endedSessions.includes(mySession)) this.session.endedElsewhere();
    };
  }

  /** Loads the stored session; if signed in, the cache is readable now and sync starts. */
  async start(): Promise<{ signedIn: boolean }> {
    if (this.sweepTimer) return { signedIn: this.rt.engine !== null };
    this.sweepExpired();
    this.sweepTimer = setInterval(() => this.sweepExpired(), EXPIRY_SWEEP_MS);
    this.sweepTimer.unref();
    const restored = await this.session.restore();
    if (restored.signedIn) this.rt.emitter.emit({ type: 'shell.connection', state: 'reading-from-cache' });
    return restored;
  }

  async close(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
    this.session.stopTimers();
    await this.sync.stop();
    this.rt.cache.close();
  }

  subscribe(listener: CoreListener): () => void {
    return this.rt.emitter.subscribe(listener);
  }

  /**
   * The signed-in tRPC client, for the page's online procedures (main calls them with this
   * session; the page never gets the client or a token).
   */
  get api(): ApiClient {
    return this.rt.http;
  }

  diagnostics(): Diagnostics {
    return {
      lastEventId: this.rt.cache.state.get(StateKeys.lastEventId),
      eventsApplied: this.rt.engine?.stats.eventsApplied ?? 0,
      changesPagesFetched: this.rt.engine?.stats.changesPagesFetched ?? 0,
      outboxSize: this.outbox.size(),
      connection: this.sync.state,
    };
  }

  /**
   * What ran out leaves or ends on the local clock, even offline: disappearing messages, expired
   * stories (and their files), live locations past their time. Runs every minute; main may also
   * call it when the machine wakes from sleep.
   */
  sweepExpired(): void {
    if (!this.rt.cache.me()) return;
    this.rt.write((ctx) => {
      purgeExpired(ctx);
      purgeExpiredStories(ctx);
      endExpiredLiveShares(ctx);
    });
  }
}
