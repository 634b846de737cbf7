import type { NotificationToShow } from '../core/index.js';

/**
 * OS notifications for what the core's notification policy decided to announce (a new
 * message in an unmuted chat that is not on screen): the sender as title, the preview (per the
 * preview setting) as body, silent when Sound is off. A click shows the window and opens that chat.
 */

export interface NotificationOptions {
  title: string;
  body: string;
  silent: boolean;
}

/** The part of Electron's Notification used here. */
export interface NotificationHandle {
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
}

export function notificationOptions(notification: NotificationToShow): NotificationOptions {
  return { title: notification.title, body: notification.body, silent: notification.silent ?? false };
}

/** Notifications kept alive so their click still arrives (Electron drops unreferenced ones). */
const MAX_KEPT = 50;

export class NotificationPresenter {
  private readonly shown = new Map<string, NotificationHandle>();

  constructor(
    private readonly create: (options: NotificationOptions) => NotificationHandle,
    private readonly onOpen: (notification: NotificationToShow) => void,
    private readonly supported: () => boolean = () => true,
  ) {}

  show(notification: NotificationToShow): void {
    if (!this.supported()) return;
    const handle = this.create(notificationOptions(notification));
    const key = notification.messageId;
    handle.on('click', () => {
      this.shown.delete(key);
      this.onOpen(notification);
    });
    handle.on('close', () => this.shown.delete(key));
    this.shown.set(key, handle);
    while (this.shown.size > MAX_KEPT) this.shown.delete(this.shown.keys().next().value!);
    handle.show();
  }
}
