import type { CallAlert, CallNotification, DesktopCore } from '../core/index.js';
import type { PageEvent } from '../shared/page-events.js';

/**
 * OS notifications for calls. A ringing call raises the window (where the page's incoming-call
 * screen is) and shows "Ana is calling (video)" with Answer and Decline buttons where the OS has
 * notification buttons (macOS, Windows); on Linux a click opens the window, whose screen answers.
 * Answer hands the choice to that screen (it opens the camera and microphone, then accepts);
 * Decline refuses on the server at once. The notification closes when the call stops ringing.
 * A missed call is a plain notification; a click opens its chat.
 */

export interface CallNotificationOptions {
  title: string;
  body: string;
  silent: boolean;
  actions?: { type: 'button'; text: string }[];
  /** Stays up until the call stops ringing (Linux, Windows), at the top of the list (Linux). */
  timeoutType?: 'never';
  urgency?: 'critical';
}

/** The part of Electron's Notification used here. */
export interface CallNotificationHandle {
  on(event: 'click' | 'close', listener: () => void): unknown;
  /** Electron passes `{ actionIndex }` first (and the index again, deprecated). */
  on(event: 'action', listener: (details: { actionIndex?: number }, index?: number) => void): unknown;
  show(): void;
  close(): void;
}

export interface CallAlertPorts {
  create(options: CallNotificationOptions): CallNotificationHandle;
  supported(): boolean;
  platform: NodeJS.Platform;
  /** Shows, restores and focuses the window. */
  showWindow(): void;
  /** "Answer": the page's incoming-call screen answers (shell.answerCall). */
  answer(callId: string): void;
  /** "Decline": calls.decline with this device's session. */
  decline(callId: string): Promise<unknown>;
  /** Shows this chat in the window (shell.openChat). */
  openChat(chatId: string): void;
  log?(message: string, error?: unknown): void;
  /** setTimeout, unref'd; tests pass their own. Returns a cancel. */
  schedule?(run: () => void, ms: number): () => void;
}

export const ANSWER = 0;
export const DECLINE = 1;

/**
 * The server ends a ring after 45 s; a notification still up a while later lost its end (the
 * connection was down when it came) and is closed rather than left to ring forever.
 */
export const RING_NOTIFICATION_MAX_MS = 60_000;

const defaultSchedule = (run: () => void, ms: number) => {
  const timer = setTimeout(run, ms);
  timer.unref?.();
  return () => clearTimeout(timer);
};
/** Electron's buttons exist on macOS and Windows only. */
export const hasNotificationButtons = (platform: NodeJS.Platform): boolean => platform === 'darwin' || platform === 'win32';

export function ringingOptions(notification: CallNotification, platform: NodeJS.Platform): CallNotificationOptions {
  const options: CallNotificationOptions = { title: notification.title, body: notification.body, silent: notification.silent, timeoutType: 'never', urgency: 'critical' };
  if (hasNotificationButtons(platform)) options.actions = [{ type: 'button', text: 'Answer' }, { type: 'button', text: 'Decline' }];
  return options;
}

/** Missed calls kept alive so their click still arrives (Electron drops unreferenced ones). */
const MAX_KEPT = 20;

export class CallNotificationPresenter {
  private readonly ringing = new Map<string, { handle: CallNotificationHandle; cancelTimer: () => void }>();
  private readonly missed = new Map<string, CallNotificationHandle>();

  constructor(private readonly ports: CallAlertPorts) {}

  onAlert(alert: CallAlert): void {
    if (alert.kind === 'ringing') this.ring(alert.notification);
    else if (alert.kind === 'stopped') this.stop(alert.callId);
    else this.showMissed(alert.notification);
  }

  private ring(notification: CallNotification): void {
    const { ports } = this;
    const { callId } = notification;
    ports.showWindow();
    if (!ports.supported() || this.ringing.has(callId)) return;
    const handle = ports.create(ringingOptions(notification, ports.platform));
    const done = () => {
      this.ringing.get(callId)?.cancelTimer();
      this.ringing.delete(callId);
    };
    handle.on('action', (details, index) => {
      done();
      const action = details?.actionIndex ?? index;
      if (action === ANSWER) {
        ports.showWindow();
        ports.answer(callId);
      } else if (action === DECLINE) {
        void ports.decline(callId).catch((error: unknown) => ports.log?.('could not decline the call', error));
      }
    });
    // The body: open the window, where the incoming-call screen answers or declines.
    handle.on('click', () => {
      done();
      ports.showWindow();
    });
    handle.on('close', done);
    const cancelTimer = (ports.schedule ?? defaultSchedule)(() => this.stop(callId), RING_NOTIFICATION_MAX_MS);
    this.ringing.set(callId, { handle, cancelTimer });
    handle.show();
  }

  private stop(callId: string): void {
    const ringing = this.ringing.get(callId);
    this.ringing.delete(callId);
    ringing?.cancelTimer();
    ringing?.handle.close();
  }

  private showMissed(notification: CallNotification): void {
    const { ports } = this;
    if (!ports.supported()) return;
    const handle = ports.create({ title: notification.title, body: notification.body, silent: notification.silent });
    const key = notification.callId;
    handle.on('click', () => {
      this.missed.delete(key);
      ports.showWindow();
      ports.openChat(notification.chatId);
    });
    handle.on('close', () => this.missed.delete(key));
    this.missed.set(key, handle);
    while (this.missed.size > MAX_KEPT) this.missed.delete(this.missed.keys().next().value!);
    handle.show();
  }
}

export interface HangUpDeps {
  core: Pick<DesktopCore, 'callAlerts' | 'api'>;
  /** To the page (shell.hangUpCall). */
  send(event: PageEvent): void;
  log?(message: string, error?: unknown): void;
}

/**
 * The tray's "Hang up": the page closes its camera and connections (and ends the call, as its
 * own button would); main ends it on the server too, which covers a page that lost track of it.
 * Ending twice is harmless.
 */
export async function hangUpCallHere({ core, send, log }: HangUpDeps): Promise<void> {
  const here = core.callAlerts.current();
  if (!here) return;
  send({ type: 'shell.hangUpCall', callId: here.callId });
  try {
    await core.api.calls.end.mutate({ callId: here.callId });
    // Left, whether or not the page heard: it declares the same when it does (shell.setCall).
    core.callAlerts.left(here.callId);
  } catch (error) {
    log?.('could not hang up', error);
  }
}
