import type { IncomingMessage } from 'node:http';

/**
 * A request body that stops arriving for `idleMs` drops the connection (HTTP_IDLE_TIMEOUT_MS),
 * so a client trickling an upload cannot hold a socket and a temp file for the whole request
 * timeout. Only while the body arrives: a handler that takes long to answer is not cut off.
 */
export function dropStalledBody(req: IncomingMessage, idleMs: number): void {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (!hasBody || req.complete) return;
  // With no other 'timeout' listener, Node destroys the socket when it fires.
  req.socket.setTimeout(idleMs);
  const stop = () => req.socket.setTimeout(0);
  req.once('end', stop);
  req.once('close', stop);
}
