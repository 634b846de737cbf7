import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES, contentSecurityPolicy, createAppProtocolHandler } from './protocol.js';

/** A CSP string → directive → sources. */
function parseCsp(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

const rendererHtml = path.resolve(import.meta.dirname, '../renderer/index.html');
const metaCsp = (html: string) => /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';

describe('the CSP the app ships', () => {
  it('in the renderer page: nothing by default, scripts and styles from the app only', () => {
    const csp = parseCsp(metaCsp(readFileSync(rendererHtml, 'utf8')));
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    for (const sources of csp.values()) expect(sources.join(' ')).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('in the desktop build: connect-src pinned to the configured server', async () => {
    const before = process.env.CONFAB_SERVER_URL;
    process.env.CONFAB_SERVER_URL = 'https://chat.example.org';
    // The config reads the variable when it is loaded; later suites must not inherit it.
    const config = (await import('../../electron.vite.config.js').finally(() => {
      if (before === undefined) delete process.env.CONFAB_SERVER_URL;
      else process.env.CONFAB_SERVER_URL = before;
    })).default as { renderer: { plugins: { name: string; transformIndexHtml?: unknown }[] } };
    const pin = config.renderer.plugins.flat().find((p) => p?.name === 'confab-pin-connect-src') as { transformIndexHtml(html: string): string };
    const csp = parseCsp(metaCsp(pin.transformIndexHtml(readFileSync(rendererHtml, 'utf8'))));
    expect(csp.get('connect-src')).toEqual(["'self'", 'https://chat.example.org', 'wss://chat.example.org']);
    expect(csp.get('default-src')).toEqual(["'none'"]);
  });

  it('as the app:// response header: connect-src and img-src pinned to the server (http + ws)', () => {
    const csp = parseCsp(contentSecurityPolicy('https://chat.example.org'));
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'", 'https://chat.example.org', 'wss://chat.example.org']);
    expect(csp.get('img-src')).toEqual(["'self'", 'blob:', 'data:', 'https://chat.example.org']);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(parseCsp(contentSecurityPolicy('http://localhost:3000/')).get('connect-src')).toEqual(["'self'", 'http://localhost:3000', 'ws://localhost:3000']);
  });
});

describe('app:// protocol handler', () => {
  let root: string;
  let handler: (request: Request) => Promise<Response>;
  const secretFile = () => path.join(root, 'secret.txt');

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'confab-protocol-'));
    const renderer = path.join(root, 'renderer');
    mkdirSync(path.join(renderer, 'assets'), { recursive: true });
    writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Confab</title>');
    writeFileSync(path.join(renderer, 'assets/app.js'), 'console.log(1)');
    writeFileSync(secretFile(), 'refresh-token');
    writeFileSync(path.join(root, 'photo.png'), 'png-bytes');
    writeFileSync(path.join(root, 'page.html'), '<script>alert(1)</script>');
    writeFileSync(path.join(root, 'poster.webp'), 'webp-bytes');
    handler = createAppProtocolHandler({
      rendererDir: renderer,
      serverUrl: 'https://chat.example.org',
      mediaFile: async (mediaId, variant) => {
        if (variant === 'thumb') return mediaId === 'clip' ? { path: path.join(root, 'poster.webp'), mime: 'image/webp' } : null;
        return mediaId === 'photo' ? { path: path.join(root, 'photo.png'), mime: 'image/png' } : mediaId === 'page' ? { path: path.join(root, 'page.html'), mime: 'text/html' } : null;
      },
    });
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

  it('is registered as a standard, secure scheme', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
  });

  it('serves the renderer with the CSP header on every response', async () => {
    for (const url of ['app://confab/', 'app://confab/index.html', 'app://confab/assets/app.js', 'app://confab/missing.js']) {
      const response = await get(url);
      expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy('https://chat.example.org'));
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const page = await get('app://confab/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    await expect(page.text()).resolves.toContain('<title>Confab</title>');
    expect((await get('app://confab/assets/app.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const url of ['app://confab/../secret.txt', 'app://confab/%2e%2e/secret.txt', 'app://confab/assets/..%2f..%2fsecret.txt', 'app://confab/%2e%2e%2fsecret.txt', `app://confab/${encodeURIComponent(secretFile())}`]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
    }
  });

  it('answers only its own host and only reads', async () => {
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get('app://confab/index.html', 'POST')).status).toBe(405);
    expect((await get('app://confab/%E0%A4%A')).status).toBe(400);
  });

  it('serves downloaded media inline only for image/audio/video types', async () => {
    const photo = await get('app://confab/media/photo');
    expect(photo.headers.get('content-type')).toBe('image/png');
    await expect(photo.text()).resolves.toBe('png-bytes');
    const html = await get('app://confab/media/page');
    expect(html.headers.get('content-type')).toBe('application/octet-stream');
    expect(html.headers.get('content-disposition')).toBe('attachment');
    expect((await get('app://confab/media/unknown')).status).toBe(404);
    expect((await get('app://confab/media/..%2f..%2fsecret')).status).toBe(404);
  });

  it("serves a file's downloaded preview (a video's poster) at /media/<id>/thumb", async () => {
    const poster = await get('app://confab/media/clip/thumb');
    expect(poster.headers.get('content-type')).toBe('image/webp');
    await expect(poster.text()).resolves.toBe('webp-bytes');
    expect((await get('app://confab/media/photo/thumb')).status).toBe(404);
    expect((await get('app://confab/media/clip/thumb/x')).status).toBe(404);
  });
});
