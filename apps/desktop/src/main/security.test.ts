import { describe, expect, it } from 'vitest';
import {
  ALLOWED_PERMISSIONS,
  APP_ORIGIN,
  decideNavigation,
  decideWindowOpen,
  externalUrl,
  isPermissionAllowed,
  isTrustedSender,
  mainWindowOptions,
  secureWebPreferences,
} from './security.js';

const origins = [APP_ORIGIN];

describe('BrowserWindow options', () => {
  it('isolate the page, sandbox it, give it no Node, and leave webSecurity on', () => {
    const options = mainWindowOptions({ preloadPath: '/app/out/preload/index.cjs' });
    const prefs = options.webPreferences!;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webviewTag: false });
    expect(prefs.webSecurity).not.toBe(false);
    expect('webSecurity' in prefs).toBe(false);
    expect(prefs.allowRunningInsecureContent).not.toBe(true);
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
    expect(secureWebPreferences('/p.cjs')).toEqual({ ...prefs, preload: '/p.cjs' });
  });
});

describe('navigation and new windows', () => {
  it('lets the window load only the app itself', () => {
    expect(decideNavigation('app://confab/index.html', origins)).toEqual({ allow: true, openExternal: null });
    for (const url of ['app://other/index.html', 'file:///etc/passwd', 'http://localhost:3000/', 'about:blank', 'javascript:alert(1)', 'data:text/html,hi']) {
      expect(decideNavigation(url, origins).allow).toBe(false);
    }
  });

  it('hands http, https and mailto links to the OS instead of navigating', () => {
    expect(decideNavigation('https://example.com/a?b=c', origins)).toEqual({ allow: false, openExternal: 'https://example.com/a?b=c' });
    expect(decideNavigation('file:///etc/passwd', origins)).toEqual({ allow: false, openExternal: null });
  });

  it('denies every window.open; only http, https and mailto go to the OS', () => {
    expect(decideWindowOpen('https://example.com/')).toEqual({ allow: false, openExternal: 'https://example.com/' });
    expect(decideWindowOpen('http://example.com/x')).toEqual({ allow: false, openExternal: 'http://example.com/x' });
    expect(decideWindowOpen('mailto:ana@example.com')).toEqual({ allow: false, openExternal: 'mailto:ana@example.com' });
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-msdt:/id', 'app://confab/index.html', 'data:text/html,x', 'vbscript:x', 'not a url']) {
      expect(decideWindowOpen(url)).toEqual({ allow: false, openExternal: null });
    }
  });

  it('refuses links that carry credentials (a classic phishing disguise)', () => {
    expect(externalUrl('https://bank.example@evil.example/')).toBeNull();
    expect(externalUrl('https://user:pass@example.com/')).toBeNull();
  });
});

describe('permission requests', () => {
  const fromApp = { requestingUrl: 'app://confab/index.html' };

  it('allow notifications and camera/microphone for the app', () => {
    expect(isPermissionAllowed('notifications', fromApp, origins)).toBe(true);
    expect(isPermissionAllowed('media', { ...fromApp, mediaTypes: ['audio', 'video'] }, origins)).toBe(true);
    expect(isPermissionAllowed('media', { ...fromApp, mediaTypes: ['audio'] }, origins)).toBe(true);
    // Screen sharing in a call; another origin may not.
    expect(isPermissionAllowed('display-capture', fromApp, origins)).toBe(true);
    expect(isPermissionAllowed('display-capture', { requestingUrl: 'https://evil.example/' }, origins)).toBe(false);
  });

  it('deny everything else, and anything asked by another origin', () => {
    for (const permission of ['geolocation', 'midi', 'midiSysex', 'hid', 'serial', 'usb', 'openExternal', 'pointerLock', 'clipboard-read', 'idle-detection', 'fileSystem', 'unknown']) {
      expect(isPermissionAllowed(permission, fromApp, origins)).toBe(false);
    }
    expect(isPermissionAllowed('notifications', { requestingUrl: 'https://evil.example/' }, origins)).toBe(false);
    expect(isPermissionAllowed('media', { requestingUrl: 'file:///x.html', mediaTypes: ['video'] }, origins)).toBe(false);
  });

  it('keep the allow-list small', () => {
    expect([...ALLOWED_PERMISSIONS].sort()).toEqual(['clipboard-sanitized-write', 'display-capture', 'media', 'notifications']);
  });
});

describe('IPC sender check', () => {
  it('accepts only the app page in the top-level frame', () => {
    expect(isTrustedSender({ url: 'app://confab/index.html', parent: null }, origins)).toBe(true);
    expect(isTrustedSender({ url: 'app://confab/index.html#/chat', parent: null }, origins)).toBe(true);
  });

  it('refuses iframes, other origins, file:// and frames that are gone', () => {
    expect(isTrustedSender({ url: 'app://confab/index.html', parent: {} }, origins)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null }, origins)).toBe(false);
    expect(isTrustedSender({ url: 'file:///app/out/renderer/index.html', parent: null }, origins)).toBe(false);
    expect(isTrustedSender({ url: 'app://confab.evil/index.html', parent: null }, origins)).toBe(false);
    expect(isTrustedSender(null, origins)).toBe(false);
    expect(isTrustedSender(undefined, origins)).toBe(false);
  });
});
