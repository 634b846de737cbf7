import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import WebSocket from 'ws';
import { createDesktopCore, MemorySecretStore, type DesktopCore } from '../core/index.js';
import { CallNotificationPresenter, hangUpCallHere, type CallNotificationHandle, type CallNotificationOptions } from '../main/call-alerts.js';
import { FocusState } from '../main/focus.js';
import { createPageDispatcher } from '../main/ipc.js';
import { NotificationPresenter, type NotificationHandle, type NotificationOptions } from '../main/notifications.js';
import { createAppProtocolHandler } from '../main/protocol.js';
import { ensureDesktopBuild, preloadBundle, rendererDir } from './build.js';
import { attachPreloadBridge } from './preload-bridge.js';
import { serveAppProtocol } from './static-server.js';

export interface DesktopHarness {
  /** The renderer, with window.confab connected to `core`. */
  page: Page;
  context: BrowserContext;
  core: DesktopCore;
  /** Where the renderer is served (the harness's stand-in for app://confab). */
  url: string;
  dataDir: string;
  /** CSP violations the page reported. */
  cspViolations: string[];
  /** alert()/confirm()/prompt(): script injected through message text would show here. */
  dialogs: string[];
  /** Uncaught page errors. */
  errors: string[];
  /** OS notifications the main process would have shown (click() as the user would). */
  notifications: ShownNotification[];
  /** Call notifications main would have shown (press(0) is Answer, press(1) Decline). */
  callNotifications: ShownCallNotification[];
  /** The tray's "In call with … — Hang up". */
  hangUpFromTray(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The desktop app without the Electron binary: the desktop core in this Node process (as the
 * main process runs it), the built renderer in Chromium, connected like the preload connects
 * them. Everything between the two is the production code: protocol handler, preload bundle,
 * IPC dispatcher, handler table.
 */
export async function startDesktopHarness(browser: Browser, serverUrl: string): Promise<DesktopHarness> {
  await ensureDesktopBuild();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'confab-desktop-harness-'));
  const core = createDesktopCore({ serverUrl, dataDir, secretStore: new MemorySecretStore(), WebSocket, retryDelayMs: () => 200, deviceName: 'Confab Desktop (harness)' });
  await core.start();

  const site = await serveAppProtocol(
    createAppProtocolHandler({
      rendererDir,
      serverUrl,
      mediaFile: async (mediaId, variant) => {
        const info = core.media.info(mediaId, variant);
        return info?.localPath ? { path: info.localPath, mime: info.mime } : null;
      },
    }),
  );
  const focus = new FocusState(core.notifications);
  const dispatch = createPageDispatcher({ core, focus, mediaUrl: (mediaId, variant) => `${site.url}/media/${encodeURIComponent(mediaId)}${variant === 'thumb' ? '/thumb' : ''}`, appOrigins: [site.url] });

  const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  const page = await context.newPage();
  const harness: DesktopHarness = {
    page,
    context,
    core,
    url: site.url,
    dataDir,
    cspViolations: [],
    dialogs: [],
    errors: [],
    notifications: [],
    callNotifications: [],
    hangUpFromTray: () => hangUpCallHere({ core, send: (event) => bridge.send(event) }),
    close: async () => {
      bridge.stop();
      stopNotifications();
      await context.close().catch(() => undefined);
      await site.close();
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await page.exposeBinding('__reportCspViolation', (_source, text: string) => void harness.cspViolations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCspViolation(text: string): void }).__reportCspViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) harness.cspViolations.push(message.text());
  });
  page.on('pageerror', (error) => harness.errors.push(error.message));
  page.on('dialog', (dialog) => {
    harness.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  const bridge = await attachPreloadBridge(page, { preloadBundle, dispatch, core });
  // As index.ts wires them: the core's notification policy → OS notification → a click opens the chat.
  const presenter = new NotificationPresenter(
    (options) => {
      const shown = new ShownNotification(options);
      harness.notifications.push(shown);
      return shown;
    },
    (notification) => bridge.send({ type: 'shell.openChat', chatId: notification.chatId }),
  );
  const callAlerts = new CallNotificationPresenter({
    create: (options) => {
      const shown = new ShownCallNotification(options);
      harness.callNotifications.push(shown);
      return shown;
    },
    supported: () => true,
    platform: 'darwin',
    showWindow: () => undefined,
    answer: (callId) => bridge.send({ type: 'shell.answerCall', callId }),
    decline: (callId) => core.api.calls.decline.mutate({ callId }),
    openChat: (chatId) => bridge.send({ type: 'shell.openChat', chatId }),
  });
  const stopNotifications = core.subscribe((event) => {
    if (event.type === 'os.notification') presenter.show(event.notification);
    if (event.type === 'call.alert') callAlerts.onAlert(event.alert);
  });
  return harness;
}

/** A notification as the harness "shows" it. */
export class ShownNotification implements NotificationHandle {
  private readonly listeners = new Map<string, () => void>();
  constructor(readonly options: NotificationOptions) {}
  on(event: 'click' | 'close', listener: () => void) {
    this.listeners.set(event, listener);
  }
  show() {}
  click() {
    this.listeners.get('click')?.();
  }
}

/** A call notification as the harness "shows" it: its buttons pressed as the user would. */
export class ShownCallNotification implements CallNotificationHandle {
  closed = false;
  private readonly listeners = new Map<string, (...args: never[]) => void>();
  constructor(readonly options: CallNotificationOptions) {}
  on(event: string, listener: (...args: never[]) => void) {
    this.listeners.set(event, listener);
  }
  show() {}
  close() {
    this.closed = true;
  }
  press(actionIndex: number) {
    (this.listeners.get('action') as ((details: { actionIndex: number }) => void) | undefined)?.({ actionIndex });
  }
}
