/**
 * How long a client waits before its next reconnect attempt. When a server restarts, every
 * client loses its socket in the same instant; with delays that only wobble around a fixed
 * step they all come back in the same few hundred milliseconds, and a crowd the server cannot
 * take fails together and retries together. "Full jitter" (a random delay anywhere below a
 * ceiling that doubles per failed attempt, to 30 s) spreads them over the whole window, so a
 * server answers a steady stream instead of waves. A lone client on a flaky network still
 * retries within a second the first time.
 */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(30_000, 1_000 * 2 ** Math.min(Math.max(attempt, 0), 5));
  return Math.round(ceiling * (0.05 + 0.95 * random()));
}
