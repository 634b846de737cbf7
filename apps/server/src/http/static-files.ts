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

/** Serves the built web client; unknown paths get index.html so client-side routes load. */
export function serveWebClient(webDir: string, req: IncomingMessage, res: ServerResponse, pathname: string): void {
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
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).pipe(res);
}
