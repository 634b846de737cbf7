import type { RouterOutputs } from '@confab/api';
import { StateKeys } from '../cache/state.repo.js';
import type { ChangeSet } from '../cache/change-set.js';
import { notificationsFor } from '../notify/notifier.js';
import { unreadSummary } from '../notify/unread.js';
import type { ChangeSource, CoreRuntime } from '../runtime.js';
import type { NotificationSettings, UnreadSummary } from '../types.js';
import { muteAllUntil, type FocusState } from '../../shared/notify/policy.js';

type ServerNotifications = RouterOutputs['settings']['get']['notifications'];
/** This app's device entry, for the session it was registered in (a new sign-in registers again). */
interface ThisDevice {
  sessionId: string;
  deviceId: string;
  removed: boolean;
}
const SERVER_DEFAULTS: ServerNotifications = { preview: true, sound: true, messages: true, groups: true, stories: true, reactions: true };

/**
 * OS notifications for what arrives live, and the tray's unread badge. What to show follows the
 * server's `settings.notifications` (the same switches as the web client and push), kept in the
 * cache so it holds offline; "mute all for an hour" is this device's own. The app registers
 * itself as a desktop device, and once `devices.remove` names it, it stays quiet.
 */
export class NotificationsFeature {
  private focus: FocusState = { openChatId: null, windowFocused: true };
  private lastUnreadTotal: number | null = null;

  constructor(
    private readonly rt: CoreRuntime,
    private readonly deviceName: string,
  ) {}

  /** Which chat is on screen and whether the window has focus (no notification for what is seen). */
  setFocus(focus: FocusState): void {
    this.focus = { openChatId: focus.openChatId, windowFocused: focus.windowFocused };
  }

  /** What the user is looking at now. */
  focusNow(): FocusState {
    return this.focus;
  }

  unread(): UnreadSummary {
    const chats = this.rt.cache.chats.list(true).map((c) => ({ id: c.id, unreadCount: c.unread_count, mutedUntil: c.muted_until, hidden: c.hidden === 1, messageRequest: c.message_request === 1 }));
    return unreadSummary(chats, this.rt.now());
  }

  settings(): NotificationSettings {
    const { state } = this.rt.cache;
    const server = { ...SERVER_DEFAULTS, ...(state.getJson<Partial<ServerNotifications>>(StateKeys.serverNotifications) ?? {}) };
    const until = state.get(StateKeys.mutedAllUntil);
    return {
      preview: server.preview ? 'full' : 'none',
      mutedAllUntil: until !== null && Date.parse(until) > this.rt.now().getTime() ? until : null,
      sound: server.sound,
      messages: server.messages,
      groups: server.groups,
      deviceRemoved: this.device()?.removed ?? false,
    };
  }

  /** "Mute all notifications for 1 hour" (or another number of minutes). */
  muteAllFor(minutes = 60): NotificationSettings {
    this.rt.cache.state.set(StateKeys.mutedAllUntil, muteAllUntil(this.rt.now(), minutes * 60_000));
    return this.settings();
  }

  unmuteAll(): void {
    this.rt.cache.state.set(StateKeys.mutedAllUntil, null);
  }

  /**
   * Connected: the server's notification settings are read again (they may have changed while
   * this app was closed), and the app registers as a device once per session.
   */
  async onOnline(): Promise<void> {
    const { rt } = this;
    const settings = await rt.http.settings.get.query();
    rt.cache.state.setJson(StateKeys.serverNotifications, settings.notifications);
    const sessionId = rt.cache.state.get(StateKeys.sessionId);
    if (sessionId && !this.device()) {
      const device = await rt.http.devices.register.mutate({ kind: 'desktop', name: this.deviceName });
      rt.cache.state.setJson(StateKeys.device, { sessionId, deviceId: device.id, removed: false } satisfies ThisDevice);
    }
  }

  /** This app's device, if registered in the current session. */
  private device(): ThisDevice | null {
    const { state } = this.rt.cache;
    const device = state.getJson<ThisDevice>(StateKeys.device);
    return device && device.sessionId === state.get(StateKeys.sessionId) ? device : null;
  }

  /** After each change: the badge when counts moved, a notification for what arrived live. */
  onChanges(changes: ChangeSet, source: ChangeSource): void {
    const { rt } = this;
    for (const event of changes.events) {
      if (event.type === 'settings.updated') rt.cache.state.setJson(StateKeys.serverNotifications, event.settings.notifications);
      const device = this.device();
      if (event.type === 'device.removed' && device?.deviceId === event.deviceId) rt.cache.state.setJson(StateKeys.device, { ...device, removed: true });
    }
    if (changes.chatList) {
      const { total } = this.unread();
      if (total !== this.lastUnreadTotal) rt.emitter.emit({ type: 'unread', total });
      this.lastUnreadTotal = total;
    }
    const me = rt.cache.me();
    if (source !== 'live' || !me || changes.arrived.length === 0) return;
    for (const notification of notificationsFor(rt.cache, changes.arrived, { me, now: rt.now(), focus: this.focus, settings: this.settings() })) {
      rt.emitter.emit({ type: 'os.notification', notification });
    }
  }

  /** Signed out: the next account starts with a fresh count. */
  forget(): void {
    this.lastUnreadTotal = null;
  }
}
