import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from './security.js';
import { hardenSession, hardenWebContents, type HardenableContents } from './window.js';

/** A webContents stand-in: events, and the window-open handler it was given. */
class FakeContents extends EventEmitter {
  windowOpen: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpen = handler;
  }
  /** Fires an event the way Electron does; says whether a listener cancelled it. */
  fire(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

function hardened() {
  const contents = new FakeContents();
  const opened: string[] = [];
  hardenWebContents(contents as unknown as HardenableContents, [APP_ORIGIN], { openExternal: (url) => void opened.push(url) });
  return { contents, opened };
}

describe('hardened webContents', () => {
  it('blocks <webview>', () => {
    expect(hardened().contents.fire('will-attach-webview', {}, {})).toBe(true);
  });

  it('cancels navigation away from the app and opens an allowed link in the browser once', () => {
    const { contents, opened } = hardened();
    expect(contents.fire('will-navigate', 'https://example.com/page')).toBe(true);
    expect(opened).toEqual(['https://example.com/page']);
    expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-redirect', 'https://example.com/elsewhere')).toBe(true);
    expect(opened).toEqual(['https://example.com/page', 'https://example.com/elsewhere']);
  });

  it('lets the app navigate within itself', () => {
    const { contents, opened } = hardened();
    expect(contents.fire('will-navigate', 'app://confab/index.html')).toBe(false);
    expect(opened).toEqual([]);
  });

  it('denies window.open, passing http/https/mailto to the OS exactly once each', () => {
    const { contents, opened } = hardened();
    expect(contents.windowOpen!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpen!({ url: 'mailto:ben@example.com' })).toEqual({ action: 'deny' });
    expect(contents.windowOpen!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(contents.windowOpen!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://example.com/', 'mailto:ben@example.com']);
  });
});

describe('hardened session', () => {
  it('routes permission requests and checks through the allow-list', () => {
    let request: ((...args: any[]) => void) | null = null;
    let check: ((...args: any[]) => boolean) | null = null;
    hardenSession({ setPermissionRequestHandler: (h: any) => void (request = h), setPermissionCheckHandler: (h: any) => void (check = h) }, [APP_ORIGIN]);
    const page = { getURL: () => 'app://confab/index.html' };
    const ask = (permission: string, details: object) => {
      let answer: boolean | null = null;
      request!(page, permission, (granted: boolean) => (answer = granted), details);
      return answer;
    };
    expect(ask('notifications', { requestingUrl: 'app://confab/index.html' })).toBe(true);
    expect(ask('media', { requestingUrl: 'app://confab/index.html', mediaTypes: ['video', 'audio'] })).toBe(true);
    expect(ask('geolocation', { requestingUrl: 'app://confab/index.html' })).toBe(false);
    expect(ask('notifications', { requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(check!(page, 'notifications', 'app://confab', { requestingUrl: 'app://confab/index.html' })).toBe(true);
    expect(check!(page, 'media', 'app://confab', { requestingUrl: 'app://confab/index.html', mediaType: 'video' })).toBe(true);
    expect(check!(page, 'geolocation', 'app://confab', { requestingUrl: 'app://confab/index.html' })).toBe(false);
    expect(check!(page, 'notifications', 'https://evil.example', {})).toBe(false);
  });

  it('grants camera and microphone (calls) to the app page only: not to the server, another site, a file or a page that navigated away', () => {
    let request: ((...args: any[]) => void) | null = null;
    let check: ((...args: any[]) => boolean) | null = null;
    hardenSession({ setPermissionRequestHandler: (h: any) => void (request = h), setPermissionCheckHandler: (h: any) => void (check = h) }, [APP_ORIGIN]);
    const ask = (pageUrl: string, details: object) => {
      let answer: boolean | null = null;
      request!({ getURL: () => pageUrl }, 'media', (granted: boolean) => (answer = granted), details);
      return answer;
    };
    const camera = { mediaTypes: ['video', 'audio'] };
    expect(ask('app://confab/index.html', { requestingUrl: 'app://confab/index.html', ...camera })).toBe(true);
    for (const url of ['http://127.0.0.1:8080/', 'https://confab.example.com/', 'https://evil.example/', 'file:///tmp/x.html', 'app://other/index.html']) {
      expect(ask(url, { requestingUrl: url, ...camera }), url).toBe(false);
      expect(check!({ getURL: () => url }, 'media', new URL(url).origin, { requestingUrl: url, mediaType: 'video' }), url).toBe(false);
    }
    // No requesting URL: the page's own URL decides.
    expect(ask('https://evil.example/', { requestingUrl: '', ...camera })).toBe(false);
    expect(ask('app://confab/index.html', { requestingUrl: '', mediaTypes: ['audio'] })).toBe(true);
    // Screen capture is not a call's business.
    expect(ask('app://confab/index.html', { requestingUrl: 'app://confab/index.html', mediaTypes: ['video', 'screen'] })).toBe(false);
  });
});
