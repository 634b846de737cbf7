import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

/**
 * The web client's own origin as WebSocket addresses: the page talks to this server only (the
 * built page's meta CSP allows any ws:/wss: host, for builds served elsewhere; a browser
 * enforces both policies, so this header narrows it). PUBLIC_URL when set, else the Host asked for.
 */
function ownSockets(req: IncomingMessage, publicUrl: string | null): string {
  let host = req.headers.host ?? '';
  if (publicUrl) {
    try {
      host = new URL(publicUrl).host;
    } catch {
      // config.ts checked it is a URL
    }
  }
  // A Host header is the asker's own to write; only a plain host[:port] goes into the policy.
  if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host)) return '';
  return ` ws://${host} wss://${host}`;
}

/** Headers on every page and asset of the web client (SECURITY.md item 26 for the browser build). */
export function webClientHeaders(req: IncomingMessage, publicUrl: string | null): Record<string, string> {
  return {
    'content-security-policy': [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' blob: data:",
      "media-src 'self' blob:",
      `connect-src 'self'${ownSockets(req, publicUrl)}`,
      "font-src 'self'",
      "manifest-src 'self'",
      "worker-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    // For browsers without frame-ancestors: never inside another site's frame (clickjacking).
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    // Calls need the camera and microphone, sharing a location the position (each asked for by
    // this origin only, never by a frame); nothing else.
    'permissions-policy': 'camera=(self), microphone=(self), display-capture=(self), fullscreen=(self), geolocation=(self), payment=(), usb=(), serial=(), hid=(), bluetooth=()',
    'cross-origin-opener-policy': 'same-origin',
    'x-content-type-options': 'nosniff',
  };
}

/** Serves the built web client; unknown paths get index.html so client-side routes load. */
export function serveWebClient(webDir: string, req: IncomingMessage, res: ServerResponse, pathname: string, publicUrl: string | null = null): void {
  const index = path.join(webDir, 'index.html');
  if (!existsSync(index)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The web client is not built. Run `npm run build:web` (npm start does it for you).');
    return;
  }
  const requested = path.normalize(path.join(webDir, decodeURIComponent(pathname)));
  const inside = requested.startsWith(webDir + path.sep);
  const file = inside && existsSync(requested) && statSync(requested).isFile() ? requested : index;
  const ext = path.extname(file);
  const immutable = file !== index && file.includes(`${path.sep}assets${path.sep}`);
  res.writeHead(200, {
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...webClientHeaders(req, publicUrl),
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).pipe(res);
}
