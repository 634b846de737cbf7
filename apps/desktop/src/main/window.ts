import type { BrowserWindow, BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { decideNavigation, decideWindowOpen, isPermissionAllowed, mainWindowOptions } from './security.js';

/**
 * Wires the decisions in security.ts to Electron objects. Electron's classes are passed in,
 * so tests drive this with small fakes and the Electron binary is never needed.
 */

export interface LinkOpener {
  /** shell.openExternal */
  openExternal(url: string): Promise<void> | void;
}

/** The webContents events this file listens to (a subset of Electron's WebContents). */
export type HardenableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Every webContents: no <webview>, no navigation away from the app, no new windows; an allowed
 * link (http, https, mailto) is handed to the OS once, for the one event that asked.
 */
export function hardenWebContents(contents: HardenableContents, appOrigins: readonly string[], opener: LinkOpener): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  const onNavigate = (event: { preventDefault(): void }, url: string) => {
    const decision = decideNavigation(url, appOrigins);
    if (decision.allow) return;
    event.preventDefault();
    if (decision.openExternal) void opener.openExternal(decision.openExternal);
  };
  contents.on('will-navigate', onNavigate);
  contents.on('will-redirect', onNavigate);
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternal) void opener.openExternal(decision.openExternal);
    return { action: 'deny' };
  });
}

/** Permission requests and checks both go through the allow-list. */
export function hardenSession(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>, appOrigins: readonly string[]): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    const requestingUrl = details.requestingUrl || contents.getURL();
    callback(isPermissionAllowed(permission, { requestingUrl, ...(mediaTypes ? { mediaTypes } : {}) }, appOrigins));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    const requestingUrl = details.requestingUrl ?? requestingOrigin;
    const mediaType = details.mediaType;
    return isPermissionAllowed(permission, { requestingUrl, ...(mediaType && mediaType !== 'unknown' ? { mediaTypes: [mediaType] } : {}) }, appOrigins);
  });
}

export interface MainWindowDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  preloadPath: string;
  iconPath?: string;
  /** app://confab/index.html, or the dev server's URL in development. */
  entryUrl: string;
}

/**
 * The app window. Its webContents is hardened by the app-wide 'web-contents-created' hook
 * (index.ts), which covers every webContents exactly once, so links open externally once.
 */
export function createMainWindow(deps: MainWindowDeps): BrowserWindow {
  const window = new deps.BrowserWindow(mainWindowOptions({ preloadPath: deps.preloadPath, ...(deps.iconPath ? { iconPath: deps.iconPath } : {}) }));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(deps.entryUrl);
  return window;
}
