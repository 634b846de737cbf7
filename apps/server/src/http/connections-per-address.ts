import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { Server as TlsServer } from 'node:tls';

const REFUSAL_BODY = JSON.stringify({ error: { code: 'TOO_MANY_REQUESTS', message: 'Too many connections from your address; close some and try again' } });
export const TOO_MANY_CONNECTIONS = `HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nRetry-After: 5\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(REFUSAL_BODY)}\r\n\r\n${REFUSAL_BODY}`;

/** Open connections counted per address; `take` answers null past the cap. */
export class ConnectionCounter {
  private readonly open = new Map<string, number>();
  constructor(private readonly max: number) {}

  /** One more connection from `address`, or null when it already has `max`; call the result when it closes. */
  take(address: string): (() => void) | null {
    const count = this.open.get(address) ?? 0;
    if (count >= this.max) return null;
    this.open.set(address, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(address) ?? 1) - 1;
      if (left <= 0) this.open.delete(address);
      else this.open.set(address, left);
    };
  }
}

/**
 * Caps the TCP connections one address holds (MAX_CONNECTIONS_PER_ADDRESS); the next is answered
 * 429 and closed. Our own proxies are exempt — they carry everyone — and the clients behind them
 * are counted per WebSocket at the upgrade instead (ws/websocket.ts).
 */
export function capConnectionsPerAddress(server: Server, counter: ConnectionCounter, exempt: (address: string) => boolean): void {
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    if (exempt(address)) return;
    const release = counter.take(address);
    if (release) return void socket.once('close', release);
    // Under TLS the socket is not yet encrypted here: a plain answer would be noise, so just close.
    if (server instanceof TlsServer) return void socket.destroy();
    socket.end(TOO_MANY_CONNECTIONS, () => socket.destroy());
  });
}
