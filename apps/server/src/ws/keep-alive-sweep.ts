import type { WebSocket } from 'ws';

export interface KeepAliveOptions {
  /** A socket silent this long is pinged. */
  pingMs: number;
  /** A pinged socket that says nothing for this long is dropped. */
  pongWaitMs: number;
}

/**
 * When a socket last showed life, and when it was pinged for want of it (0: not pinged). The
 * socket's connection object carries these fields itself (no side table, no listener of its own):
 * its frame and pong handlers call `heard`.
 */
export interface Liveness {
  readonly socket: WebSocket;
  heardAt: number;
  pingedAt: number;
}

/** Any frame from the peer counts as life. */
export function heard(state: Liveness): void {
  state.heardAt = Date.now();
  state.pingedAt = 0;
}

/**
 * Dead-peer detection for every socket of a server from one process-wide timer. tRPC's own
 * keep-alive armed two timers per socket and re-armed them on every frame, so 15,000 idle
 * sockets meant 15,000 timers firing and a text PING each through the tRPC adapter; here one
 * sweep every `min(pingMs, pongWaitMs)` walks the sockets, pings (a protocol ping frame, which
 * browsers and `ws` answer by themselves) only those that were silent for `pingMs`, and
 * terminates those that then stayed silent for `pongWaitMs`. Any frame counts as life: a
 * client that pings on its own more often than `pingMs` (the desktop's tRPC keep-alive) is
 * never pinged. A dead peer is dropped at most `pingMs + pongWaitMs + 2 × sweep` after its last
 * frame; a live one never is.
 */
export function sweepKeepAlive(sockets: Iterable<Liveness>, { pingMs, pongWaitMs }: KeepAliveOptions): { stop(): void } {
  const sweepMs = Math.min(pingMs, pongWaitMs);
  const timer = setInterval(() => {
    const now = Date.now();
    for (const state of sockets) {
      const { socket } = state;
      if (socket.readyState !== socket.OPEN) continue;
      if (state.pingedAt !== 0) {
        if (now - state.pingedAt >= pongWaitMs) socket.terminate();
      } else if (now - state.heardAt >= pingMs) {
        state.pingedAt = now;
        socket.ping();
      }
    }
  }, sweepMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
