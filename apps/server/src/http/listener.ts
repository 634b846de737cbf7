import { createServer as createHttpServer, type RequestListener, type Server, type ServerOptions } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { TlsFiles } from '../config.js';

/** A year: browsers that once reached the server over HTTPS refuse plain HTTP to it for that long. */
const HSTS = 'max-age=31536000';

/**
 * The server's one listening socket: plain HTTP, or HTTPS when a certificate is configured. The
 * WebSocket upgrade rides the same socket, so HTTPS brings WSS with it.
 */
export function createListener(tls: TlsFiles | null, handle: RequestListener, options: ServerOptions = {}): Server {
  if (!tls) return createHttpServer(options, handle);
  return createHttpsServer({ ...options, cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' }, (req, res) => {
    res.setHeader('strict-transport-security', HSTS);
    handle(req, res);
  });
}
