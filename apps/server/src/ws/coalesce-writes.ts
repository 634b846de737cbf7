import type { Duplex } from 'node:stream';

const corked = Symbol('confab.corked');
type Coalescing = Duplex & { [corked]?: boolean };

/**
 * Holds a WebSocket's outgoing frames until the event loop's current turn is over, then writes
 * them together. A batch of messages stored together reaches a subscriber as several frames in
 * one turn; written one by one, each frame is a system call (one per message per socket, most
 * of the server's time in a busy big group), together they are one.
 *
 * `ws` corks and uncorks the socket around each frame; cork is a counter, so the frames stay
 * buffered while this outer cork holds and go out in one write when it is lifted. The `write`
 * put on the socket is one function shared by every socket (`this` is the socket), so a socket
 * costs a flag here, not closures.
 */
export function coalesceWrites(socket: Duplex): void {
  socket.write = coalescedWrite as Duplex['write'];
}

function coalescedWrite(this: Coalescing, ...args: unknown[]): boolean {
  if (!this[corked] && !this.destroyed) {
    this[corked] = true;
    this.cork();
    setImmediate(flush, this);
  }
  // The socket's own write (net.Socket's, from the prototype chain) under the instance's.
  return (Object.getPrototypeOf(this) as { write: (...a: unknown[]) => boolean }).write.apply(this, args);
}

function flush(socket: Coalescing): void {
  socket[corked] = false;
  socket.uncork();
}
