import type { Duplex } from 'node:stream';

/**
 * Holds a WebSocket's outgoing frames until the event loop's current turn is over, then writes
 * them together. A batch of messages stored together reaches a subscriber as several frames in
 * one turn; written one by one, each frame is a system call (one per message per socket, most
 * of the server's time in a busy big group), together they are one.
 *
 * `ws` corks and uncorks the socket around each frame; cork is a counter, so the frames stay
 * buffered while this outer cork holds and go out in one write when it is lifted.
 */
export function coalesceWrites(socket: Duplex): void {
  let corked = false;
  const flush = () => {
    corked = false;
    socket.uncork();
  };
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  socket.write = ((...args: unknown[]) => {
    if (!corked && !socket.destroyed) {
      corked = true;
      socket.cork();
      setImmediate(flush);
    }
    return write(...args);
  }) as Duplex['write'];
}
