import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/**
 * The Electron security decisions as pure functions, so tests can assert them without the
 * Electron binary (SECURITY.md 23–25). window.ts and index.ts only wire them to Electron.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'confab';
/** Where the packaged renderer lives; `app://confab` is the app's only origin. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Renderer settings: isolated, sandboxed, no Node; webSecurity is left at its default (on). */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: true,
  };
}

export function mainWindowOptions(options: { preloadPath: string; iconPath?: string }): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 800,
    minWidth: 360,
    minHeight: 480,
    title: 'Confab',
    // Shown once the first paint is ready, so the window never flashes white.
    show: false,
    autoHideMenuBar: true,
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: secureWebPreferences(options.preloadPath),
  };
}

/**
 * `scheme://host[:port]` of a URL, or null. (Node's URL.origin is "null" for custom schemes
 * such as app:, so it is built by hand.)
 */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (!parsed.host) return null;
    return `${parsed.protocol}//${parsed.host}`.toLowerCase();
  } catch {
    return null;
  }
}

/** Is this URL one of the app's own pages (app://confab, or the dev server in development)? */
export function isAppUrl(url: string, appOrigins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && appOrigins.map((o) => o.toLowerCase()).includes(origin);
}

const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * The URL to hand to the OS (shell.openExternal) for a link the user clicked, or null when it
 * must not leave the app: only http:, https: and mailto:, and no credentials in the URL.
 */
export function externalUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!EXTERNAL_PROTOCOLS.has(parsed.protocol)) return null;
  if (parsed.username || parsed.password) return null;
  if (parsed.protocol !== 'mailto:' && !parsed.hostname) return null;
  return parsed.href;
}

export interface LinkDecision {
  /** Let the window go there (only the app's own pages). */
  allow: boolean;
  /** Open this in the user's browser / mail app instead (once), or null. */
  openExternal: string | null;
}

/** will-navigate / will-redirect: the window never leaves the app; links go to the browser. */
export function decideNavigation(url: string, appOrigins: readonly string[]): LinkDecision {
  if (isAppUrl(url, appOrigins)) return { allow: true, openExternal: null };
  return { allow: false, openExternal: externalUrl(url) };
}

/** window.open / target=_blank: never a new Electron window. */
export function decideWindowOpen(url: string): LinkDecision {
  return { allow: false, openExternal: externalUrl(url) };
}

/**
 * The permission allow-list: notifications, camera/microphone (for calls) and screen capture
 * ("Share screen" in a call; what is captured is chosen in screen-share.ts). Writing to the
 * clipboard ("Copy" on a message or a QR token) is allowed too; Chromium sanitises what is
 * written. Everything else (geolocation, MIDI, HID, …) is refused, and only the app's own pages
 * may ask at all. Electron up to 44 reports getDisplayMedia as 'media' with no media types;
 * from 45 on as 'display-capture' (electron/electron#52824): both are on the list.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications', 'media', 'display-capture', 'clipboard-sanitized-write']);
const ALLOWED_MEDIA_TYPES = new Set(['audio', 'video']);

export interface PermissionContext {
  /** The page asking. */
  requestingUrl: string;
  /** For 'media': what is asked for ('audio', 'video'). */
  mediaTypes?: readonly string[];
}

export function isPermissionAllowed(permission: string, context: PermissionContext, appOrigins: readonly string[]): boolean {
  if (!ALLOWED_PERMISSIONS.has(permission)) return false;
  if (!isAppUrl(context.requestingUrl, appOrigins)) return false;
  if (permission === 'media') return (context.mediaTypes ?? []).every((type) => ALLOWED_MEDIA_TYPES.has(type));
  return true;
}

/** The part of Electron's WebFrameMain the IPC check reads. */
export interface SenderFrame {
  url: string;
  /** null for the top-level (main) frame. */
  parent: unknown;
}

/**
 * IPC is accepted only from the app's own top-level page: not from an iframe, not after a
 * navigation elsewhere, not from a frame that is gone (senderFrame null).
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, appOrigins: readonly string[]): boolean {
  if (!frame) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url, appOrigins);
}
