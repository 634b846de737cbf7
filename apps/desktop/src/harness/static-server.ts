import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { APP_ORIGIN } from '../main/security.js';

/**
 * Serves the app:// protocol handler (protocol.ts) over loopback HTTP: the same handler, files
 * and headers (CSP included) the Electron app gets, at http://127.0.0.1:PORT.
 */
export async function serveAppProtocol(handler: (request: Request) => Promise<Response>): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const request = new Request(`${APP_ORIGIN}${req.url ?? '/'}`, { method: req.method ?? 'GET' });
    handler(request)
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        if (response.body) Readable.fromWeb(response.body as import('node:stream/web').ReadableStream).pipe(res);
        else res.end();
      })
      .catch(() => {
        res.writeHead(500);
        res.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
