import { StateKeys } from '../cache/state.repo.js';
import type { ChangeSet } from '../cache/change-set.js';
import { notificationsFor } from '../notify/notifier.js';
import { unreadSummary } from '../notify/unread.js';
import type { ChangeSource, CoreRuntime } from '../runtime.js';
import type { NotificationSettings, PreviewMode, UnreadSummary } from '../types.js';
import { muteAllUntil, type FocusState } from '../../shared/notify/policy.js';

/** OS notifications for what arrives live, and the tray's unread badge. */
export class NotificationsFeature {
  private focus: FocusState = { openChatId: null, windowFocused: true };
  private lastUnreadTotal: number | null = null;

  constructor(private readonly rt: CoreRuntime) {}

  /** Which chat is on screen and whether the window has focus (no notification for what is seen). */
  setFocus(focus: FocusState): void {
    this.focus = { openChatId: focus.openChatId, windowFocused: focus.windowFocused };
  }

  unread(): UnreadSummary {
    const chats = this.rt.cache.chats.list(true).map((c) => ({ id: c.id, unreadCount: c.unread_count, mutedUntil: c.muted_until, hidden: c.hidden === 1 }));
    return unreadSummary(chats, this.rt.now());
  }

  settings(): NotificationSettings {
    const { state } = this.rt.cache;
    const preview = (state.get(StateKeys.preview) as PreviewMode | null) ?? 'full';
    const until = state.get(StateKeys.mutedAllUntil);
    return { preview, mutedAllUntil: until !== null && Date.parse(until) > this.rt.now().getTime() ? until : null };
  }

  setPreview(preview: PreviewMode): void {
    if (!['full', 'sender-only', 'none'].includes(preview)) throw new Error('Unknown preview setting');
    this.rt.cache.state.set(StateKeys.preview, preview);
  }

  /** "Mute all notifications for 1 hour" (or another number of minutes). */
  muteAllFor(minutes = 60): NotificationSettings {
    this.rt.cache.state.set(StateKeys.mutedAllUntil, muteAllUntil(this.rt.now(), minutes * 60_000));
    return this.settings();
  }

  unmuteAll(): void {
    this.rt.cache.state.set(StateKeys.mutedAllUntil, null);
  }

  /** After each change: the badge when counts moved, a notification for what arrived live. */
  onChanges(changes: ChangeSet, source: ChangeSource): void {
    const { rt } = this;
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
