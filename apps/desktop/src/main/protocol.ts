import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { CustomScheme } from 'electron';
import { APP_HOST, APP_SCHEME } from './security.js';

/**
 * The packaged renderer is served from `app://confab/…` (not file://, which Chromium treats
 * loosely): a standard, secure scheme with a real origin, so 'self' in the CSP means exactly the
 * app's own files. Every response carries the CSP as a header as well as the page's meta tag.
 */

/** Registered before app ready (protocol.registerSchemesAsPrivileged). */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
};

/** The server's http(s) origin and its WebSocket twin: the only places the page may connect to. */
export function serverOrigins(serverUrl: string): { http: string; ws: string } {
  const url = new URL(serverUrl);
  return { http: url.origin, ws: `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}` };
}

/** default-src 'none', scripts and styles from the app only, connections pinned to the server. */
export function contentSecurityPolicy(serverUrl: string): string {
  const server = serverOrigins(serverUrl);
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' blob: data: ${server.http}`,
    `media-src 'self' blob: ${server.http}`,
    `connect-src 'self' ${server.http} ${server.ws}`,
    "font-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Types an attachment may be shown as inline; anything else is a download. */
const INLINE_MEDIA = /^(image\/(png|jpeg|gif|webp|avif)|video\/(mp4|webm)|audio\/(mpeg|ogg|webm|mp4|aac|wav))$/;

export interface MediaFile {
  path: string;
  mime: string | null;
}

export interface AppProtocolOptions {
  /** out/renderer: index.html and its assets. */
  rendererDir: string;
  serverUrl: string;
  /** A downloaded attachment's file, or null when there is none. */
  /** A downloaded file, or its preview (`/media/<id>/thumb`). */
  mediaFile(mediaId: string, variant: 'full' | 'thumb'): Promise<MediaFile | null>;
}

/** The protocol.handle('app', …) handler, as a plain Request → Response function. */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const root = path.resolve(options.rendererDir);
  const baseHeaders = {
    'Content-Security-Policy': contentSecurityPolicy(options.serverUrl),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  const answer = (status: number, body: BodyInit | null, headers: Record<string, string> = {}) =>
    new Response(body, { status, headers: { ...baseHeaders, ...headers } });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return answer(405, null);
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return answer(400, null);
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return answer(404, null);

    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return answer(400, null);
    }

    const media = /^\/media\/([A-Za-z0-9_-]{1,128})(\/thumb)?$/.exec(pathname);
    if (media) {
      const file = await options.mediaFile(media[1]!, media[2] ? 'thumb' : 'full');
      if (!file) return answer(404, null);
      const inline = file.mime !== null && INLINE_MEDIA.test(file.mime);
      const headers: Record<string, string> = inline
        ? { 'Content-Type': file.mime! }
        : { 'Content-Type': 'application/octet-stream', 'Content-Disposition': 'attachment' };
      if (request.method === 'HEAD') return answer(200, null, headers);
      return answer(200, Readable.toWeb(createReadStream(file.path)) as ReadableStream, headers);
    }

    const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
    const file = path.resolve(root, relative);
    // Nothing outside the renderer folder, whatever the path says (../, encoded slashes).
    if (file !== root && !file.startsWith(root + path.sep)) return answer(404, null);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return answer(404, null);
    const headers = { 'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' };
    if (request.method === 'HEAD') return answer(200, null, headers);
    return answer(200, await readFile(file), headers);
  };
}
