/**
 * The Electron main process: the one place that touches Electron's APIs. It creates the desktop
 * core (plain Node), serves the renderer from app://, answers the preload bridge, and drives the
 * tray and OS notifications. Every decision lives in a plain module beside this file.
 */
import os from 'node:os';
import path from 'node:path';
import { app, BrowserWindow, desktopCapturer, ipcMain, Menu, nativeImage, Notification, protocol, safeStorage, screen, session, shell, Tray } from 'electron';
import WebSocket from 'ws';
import trayIconPath from '../../build/tray.png?asset';
import appIconPath from '../../build/icon.png?asset';
import { createDesktopCore, type DesktopCore } from '../core/index.js';
import { EVENT_CHANNEL } from '../shared/bridge.js';
import type { PageEvent } from '../shared/page-events.js';
import { toPageEvent } from './bridge-events.js';
import { CallNotificationPresenter, hangUpCallHere } from './call-alerts.js';
import { readSettingsText, resolveServerUrl, SETTINGS_FILE } from './config.js';
import { FocusState } from './focus.js';
import { createPageDispatcher, registerIpc } from './ipc.js';
import { NotificationPresenter } from './notifications.js';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './protocol.js';
import { handleScreenShare } from './screen-share.js';
import { SafeStorageSecretStore } from './secret-store.js';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME, originOf } from './security.js';
import { hidesOnClose, TrayController } from './tray.js';
import { createMainWindow, hardenSession, hardenWebContents } from './window.js';

const log = (message: string, error?: unknown) => console.error(`[confab] ${message}`, error ?? '');

// The development server (electron-vite dev) is an app origin only in unpackaged runs.
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const appOrigins = [APP_ORIGIN, ...(devUrl ? [originOf(devUrl)!] : [])];

app.setName('Confab');
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appOrigins, shell));

let quitting = false;
let window: BrowserWindow | null = null;
let core: DesktopCore | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => showWindow());
  void app.whenReady().then(start).catch((error: unknown) => {
    log('start-up failed', error);
    app.exit(1);
  });
}

function showWindow(): void {
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

function send(event: PageEvent): void {
  if (window && !window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event);
}

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  const serverUrl = resolveServerUrl(process.env, readSettingsText(path.join(userData, SETTINGS_FILE)));
  const secrets = new SafeStorageSecretStore(safeStorage, path.join(userData, 'secrets.json'));
  if (!secrets.persistent) log('no OS encryption for secrets: the session is kept in memory only');

  const desktop = createDesktopCore({
    serverUrl,
    dataDir: path.join(userData, 'data'),
    secretStore: secrets,
    WebSocket,
    deviceName: `Confab Desktop · ${({ darwin: 'macOS', win32: 'Windows', linux: 'Linux' } as Record<string, string>)[process.platform] ?? os.type()}`,
    log,
  });
  core = desktop;
  await desktop.start();

  hardenSession(session.defaultSession, appOrigins);
  handleScreenShare(session.defaultSession, appOrigins, {
    listScreens: () => desktopCapturer.getSources({ types: ['screen'] }),
    primaryDisplayId: () => String(screen.getPrimaryDisplay().id),
    log,
  });
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({
      rendererDir: path.join(import.meta.dirname, '../renderer'),
      serverUrl,
      mediaFile: async (mediaId, variant) => {
        const info = desktop.media.info(mediaId, variant);
        return info?.localPath ? { path: info.localPath, mime: info.mime } : null;
      },
    }),
  );

  const focus = new FocusState(desktop.notifications);
  const mediaUrl = (mediaId: string, variant: 'full' | 'thumb') => `${APP_ORIGIN}/media/${encodeURIComponent(mediaId)}${variant === 'thumb' ? '/thumb' : ''}`;
  registerIpc(ipcMain, createPageDispatcher({ core: desktop, focus, mediaUrl, appOrigins, log }));

  const win = createMainWindow({
    BrowserWindow,
    preloadPath: path.join(import.meta.dirname, '../preload/index.cjs'),
    iconPath: appIconPath,
    entryUrl: devUrl ?? APP_ENTRY_URL,
  });
  window = win;
  win.on('focus', () => focus.setWindowFocused(true));
  win.on('blur', () => focus.setWindowFocused(false));
  win.on('close', (event) => {
    if (!hidesOnClose(quitting)) return;
    event.preventDefault();
    win.hide();
  });

  const tray = new TrayController(
    { tray: new Tray(nativeImage.createFromPath(trayIconPath)), buildMenu: (template) => Menu.buildFromTemplate(template), setBadgeCount: (count) => app.setBadgeCount(count) },
    {
      open: showWindow,
      hangUp: () => void hangUpCallHere({ core: desktop, send, log }),
      muteForAnHour: () => {
        tray.update({ mutedUntil: desktop.notifications.muteAllFor(60).mutedAllUntil });
        // The menu offers muting again once the hour is over.
        setTimeout(() => tray.update({ mutedUntil: desktop.notifications.settings().mutedAllUntil }), 60 * 60_000 + 1000).unref();
      },
      unmute: () => {
        desktop.notifications.unmuteAll();
        tray.update({ mutedUntil: null });
      },
      quit: () => app.quit(),
    },
  );
  const notifications = new NotificationPresenter(
    (options) => new Notification(options),
    (notification) => {
      showWindow();
      send({ type: 'shell.openChat', chatId: notification.chatId });
    },
    () => Notification.isSupported(),
  );

  const callAlerts = new CallNotificationPresenter({
    create: (options) => new Notification(options),
    supported: () => Notification.isSupported(),
    platform: process.platform,
    showWindow,
    answer: (callId) => send({ type: 'shell.answerCall', callId }),
    decline: (callId) => desktop.api.calls.decline.mutate({ callId }),
    openChat: (chatId) => send({ type: 'shell.openChat', chatId }),
    log,
  });

  desktop.subscribe((event) => {
    const forward = toPageEvent(event);
    if (forward) send(forward);
    if (event.type === 'unread') tray.update({ unread: event.total });
    if (event.type === 'os.notification') notifications.show(event.notification);
    if (event.type === 'call.alert') callAlerts.onAlert(event.alert);
    if (event.type === 'call.here') tray.update({ call: event.call });
  });
  tray.update({ unread: desktop.notifications.unread().total, mutedUntil: desktop.notifications.settings().mutedAllUntil, call: desktop.callAlerts.current() });
}

app.on('activate', () => showWindow());
app.on('before-quit', (event) => {
  quitting = true;
  if (!core) return;
  // Close the cache cleanly (WAL checkpoint, sync stopped) before the process ends.
  event.preventDefault();
  const closing = core;
  core = null;
  void closing.close().finally(() => app.quit());
});
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
